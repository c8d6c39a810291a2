package io.eventpipeline.admin.rebuild;

import static io.eventpipeline.sql.jooq.Tables.PROJECTION_OFFSETS;

import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Where the projection-writer stands: per partition of {@code events.log}, the next offset it will write,
 * stored in the same transaction as the rows it wrote ({@code projection_offsets}). The projections hold
 * exactly the events before these offsets, so this is where a rebuild stops and the writer goes on.
 */
final class WriterPositions {

    private final String group;
    private final String topic;

    WriterPositions(String group, String topic) {
        this.group = group;
        this.topic = topic;
    }

    /** Partitions the writer never wrote are absent. */
    Map<Integer, Long> load(DSLContext dsl) {
        return new TreeMap<>(dsl.select(PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                .from(PROJECTION_OFFSETS)
                .where(PROJECTION_OFFSETS.CONSUMER_GROUP.eq(group))
                .and(PROJECTION_OFFSETS.TOPIC.eq(topic))
                .fetchMap(PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET));
    }

    String group() {
        return group;
    }
}
