package io.eventpipeline.bench;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.JsonSerde;
import io.eventpipeline.schemas.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * HTTP to visible row, through all three services: the sustained rate at which accepted events become
 * rows in Postgres, and the accept-to-visible latency at half that rate. "Visible" is when the
 * invalidation for the event's aggregate arrives, which the writer publishes only after the commit.
 */
final class EndToEnd {

    /** Rows stored in the phase and how long from its start until the last of them was visible. */
    record Sustained(long rows, double seconds, double rowsPerSecond, Generator.Result ingest) {
    }

    record Latency(double eventsPerSecond, long measured, long missing, Histogram micros) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;

    EndToEnd(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Batch POSTs of 100 for {@code duration}, no repeats, then waits until every accepted event is a row. */
    Sustained sustained(Generator load, Duration duration, int connections) throws Exception {
        long before = countRows();
        long started = System.nanoTime();
        Generator.Result ingest = load.closedLoop(100, connections, duration, 0.0);
        long expected = before + ingest.newEvents();
        long rows = before;
        long lastGrowth = System.nanoTime();
        while (rows < expected && System.nanoTime() - lastGrowth < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(200);
            long now = countRows();
            if (now > rows) {
                rows = now;
                lastGrowth = System.nanoTime();
            }
        }
        double seconds = (lastGrowth - started) / 1e9;
        long added = rows - before;
        return new Sustained(added, seconds, added / seconds, ingest);
    }

    /** Open-loop batches of 100 at {@code eventsPerSecond}; each event's aggregate is new. */
    Latency latency(HttpLoad load, String bootstrap, String topicPrefix, double eventsPerSecond, Duration duration)
            throws Exception {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> visible = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().name("invalidation-watcher").start(() -> watch(bootstrap, topicPrefix, visible, running));
        try {
            Thread.sleep(2000); // let the watcher join its group before the first event
            load.openLoop(100, eventsPerSecond / 100.0, duration, 0.0,
                    (aggregates, at) -> aggregates.forEach(a -> accepted.put("bench/order/" + a, at)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!visible.keySet().containsAll(accepted.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        } finally {
            running.set(false);
            watcher.join();
        }
        Histogram micros = new Histogram(3);
        long missing = 0;
        for (Map.Entry<String, Long> e : accepted.entrySet()) {
            Long seen = visible.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                micros.recordValue(Math.max(1, (seen - e.getValue()) / 1000));
            }
        }
        return new Latency(eventsPerSecond, micros.getTotalCount(), missing, micros);
    }

    private static void watch(String bootstrap, String topicPrefix, Map<String, Long> visible, AtomicBoolean running) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-watch-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                JsonSerde.of(CacheInvalidation.class).deserializer())) {
            consumer.subscribe(List.of(Topics.CACHE_INVALIDATIONS.prefixed(topicPrefix).name()));
            while (running.get()) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    visible.putIfAbsent(record.value().aggregate(), System.nanoTime());
                }
            }
        }
    }

    /**
     * Waits until no row has been added for 3 s: the earlier phases leave a backlog in the processor and
     * the writer, and (e) must start from a quiet pipeline or it measures that backlog.
     *
     * @return how long the drain took
     */
    Duration awaitQuiet(Duration limit) throws Exception {
        long started = System.nanoTime();
        long rows = countRows();
        int quietSeconds = 0;
        while (quietSeconds < 3 && System.nanoTime() - started < limit.toNanos()) {
            Thread.sleep(1000);
            long now = countRows();
            quietSeconds = now == rows ? quietSeconds + 1 : 0;
            rows = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    long countRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
