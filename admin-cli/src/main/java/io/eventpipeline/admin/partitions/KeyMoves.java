package io.eventpipeline.admin.partitions;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;

import io.eventpipeline.schemas.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Which known aggregates get another partition: every row of {@code aggregates}, its key
 * ({@link EventEnvelope#aggregateKey}) put through the default partitioner's murmur2 for both counts.
 *
 * @param examples a few moved aggregates as {@code key: old -> new}
 */
record KeyMoves(long aggregates, long moved, List<String> examples) {

    private static final int EXAMPLES = 5;
    private static final int FETCH_SIZE = 10_000;

    static KeyMoves of(Connection connection, int from, int to) throws SQLException {
        // a cursor needs a transaction in PostgreSQL; reads only
        connection.setAutoCommit(false);
        long total = 0;
        long moved = 0;
        List<String> examples = new ArrayList<>();
        try (var rows = DSL.using(connection, SQLDialect.POSTGRES)
                .select(AGGREGATES.PRODUCER_ID, AGGREGATES.AGGREGATE_TYPE, AGGREGATES.AGGREGATE_ID)
                .from(AGGREGATES).fetchSize(FETCH_SIZE).fetchLazy()) {
            for (var row : rows) {
                String key = EventEnvelope.aggregateKey(row.value1(), row.value2(), row.value3());
                int hash = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)));
                total++;
                if (hash % from != hash % to) {
                    moved++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(key + ": " + hash % from + " -> " + hash % to);
                    }
                }
            }
        } finally {
            connection.rollback();
        }
        return new KeyMoves(total, moved, examples);
    }
}
