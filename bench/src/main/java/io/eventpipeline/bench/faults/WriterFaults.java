package io.eventpipeline.bench.faults;

import io.eventpipeline.schemas.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code kill -9} of the projection-writer at a moment proven from PostgreSQL itself, not guessed:
 * <ul>
 *   <li><b>mid-COPY</b>: the harness inserts, in a transaction it keeps open, a row with the key of an
 *   event the writer has not written yet (read from events.log). The writer's binary COPY reaches that
 *   row and waits on the harness's transaction; {@code pg_stat_progress_copy} shows the COPY running with
 *   the rows before it already inserted. The writer is killed there, then the harness rolls back.</li>
 *   <li><b>mid-transaction</b>: the harness holds {@code LOCK TABLE aggregates IN SHARE MODE}; the writer's
 *   batch transaction has written its offsets and COPYed its events and waits at the stream-head upsert.
 *   Killed there, then the harness rolls back.</li>
 * </ul>
 */
final class WriterFaults {

    private static final String WRITER = "projection-writer";
    private static final Duration WINDOW_WAIT = Duration.ofSeconds(20);

    private WriterFaults() {
    }

    static Fault midCopy() {
        return ProcessFaults.fault("projection-writer kill -9 mid-COPY", c -> {
            try (Connection blocker = c.cluster().connect(); Connection observer = c.cluster().connect()) {
                blocker.setAutoCommit(false);
                String blocked = blockAnUnwrittenEvent(c.cluster().bootstrapServers(), blocker);
                Optional<String> copy = await(observer, """
                        SELECT 'COPY running for ' || (extract(epoch FROM clock_timestamp() - a.query_start) * 1000)::bigint
                               || ' ms, ' || p.bytes_processed || ' bytes of its rows read, waiting on ' || a.wait_event
                        FROM pg_stat_progress_copy p JOIN pg_stat_activity a ON a.pid = p.pid
                        WHERE a.application_name LIKE 'projection-writer%' AND a.wait_event_type = 'Lock'""");
                return killThenRelease(c, blocker, "row of event " + blocked + " held; "
                        + copy.orElse("WINDOW NOT HIT: no COPY of the writer was seen waiting within " + WINDOW_WAIT));
            }
        });
    }

    static Fault midTransaction() {
        return ProcessFaults.fault("projection-writer kill -9 mid-transaction", c -> {
            try (Connection blocker = c.cluster().connect(); Connection observer = c.cluster().connect()) {
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '10s'");
                    s.execute("LOCK TABLE aggregates IN SHARE MODE");
                }
                Optional<String> waiting = await(observer, """
                        SELECT 'transaction open for ' || (extract(epoch FROM clock_timestamp() - xact_start) * 1000)::bigint
                               || ' ms, waiting at: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 60)
                        FROM pg_stat_activity
                        WHERE application_name LIKE 'projection-writer%' AND wait_event_type = 'Lock' AND state = 'active'""");
                return killThenRelease(c, blocker,
                        waiting.orElse("WINDOW NOT HIT: no writer transaction was seen waiting within " + WINDOW_WAIT));
            }
        });
    }

    private static Fault.Injection killThenRelease(Fault.Context c, Connection blocker, String evidence) throws Exception {
        c.services().kill(WRITER);
        long at = System.currentTimeMillis();
        blocker.rollback();
        c.services().restart(WRITER);
        return new Fault.Injection(at, evidence);
    }

    /** Polls {@code sql} (one text column) every 5 ms until it returns a row, for at most {@link #WINDOW_WAIT}. */
    private static Optional<String> await(Connection observer, String sql) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + WINDOW_WAIT.toMillis();
        try (PreparedStatement query = observer.prepareStatement(sql)) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(rs.getString(1));
                    }
                }
                Thread.sleep(5);
            }
        }
        return Optional.empty();
    }

    /**
     * Inserts, uncommitted, the row of an event that is on events.log but not in PostgreSQL yet; retries with
     * a newer event while the writer is faster. Returns the event id.
     */
    private static String blockAnUnwrittenEvent(String bootstrapServers, Connection blocker) throws SQLException {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            String topic = Topics.EVENTS_LOG.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            long deadline = System.currentTimeMillis() + WINDOW_WAIT.toMillis();
            while (System.currentTimeMillis() < deadline) {
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                consumer.poll(Duration.ofMillis(50)).records(topic).forEach(records::add);
                if (records.size() >= 2 && ConflictingRow.insert(blocker, records.getLast())) {
                    return ConflictingRow.eventId(records.getLast());
                }
            }
        }
        throw new IllegalStateException("the writer wrote every event before the harness could hold one for " + WINDOW_WAIT);
    }
}
