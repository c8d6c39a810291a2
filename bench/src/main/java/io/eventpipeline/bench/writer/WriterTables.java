package io.eventpipeline.bench.writer;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.projection.config.Databases;
import io.eventpipeline.projection.config.PoolSettings;
import io.eventpipeline.projection.write.WriteMethod;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.write.BinaryCopyEncoder;
import io.eventpipeline.projection.write.EventRows;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.write.OffsetStore;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.servers.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** One benchmark database with the writer's schema, and each measured way of writing the same rows into it. */
final class WriterTables implements AutoCloseable {

    private final Infrastructure servers;
    private final String url;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final Random random = new Random(42);

    WriterTables(Infrastructure servers, String database, boolean gin) {
        this.servers = servers;
        this.url = servers.freshDatabase(database);
        Flyway.configure().dataSource(url, servers.databaseUser(), servers.databasePassword())
                .locations("classpath:db/migration").load().migrate();
        if (!gin) {
            sql("DROP INDEX idx_events_data_gin");
        }
        this.pool = Databases.pool(new PoolSettings("write", url, servers.databaseUser(), servers.databasePassword(),
                2, 1, Duration.ofSeconds(5)), new SimpleMeterRegistry());
        this.dsl = Databases.dsl(pool);
        new PartitionManager(dsl, Clock.systemUTC(), Duration.ofSeconds(2)).ensureMonths(
                List.of(YearMonth.now(ZoneOffset.UTC)));
    }

    /** Realistic rows: ~300-byte payloads, 2000 aggregates with gapless versions, Kafka offsets in order. */
    List<List<LogEvent>> batches(int rows, int batchSize) {
        Map<Integer, Long> versions = new HashMap<>();
        List<List<LogEvent>> batches = new ArrayList<>();
        List<LogEvent> current = new ArrayList<>(batchSize);
        Instant now = Instant.now();
        for (int i = 0; i < rows; i++) {
            int aggregate = random.nextInt(2_000);
            long version = versions.merge(aggregate, 1L, Long::sum);
            String payload = String.format(Locale.ROOT, "{\"orderId\":\"o-%d\",\"amount\":%d.%02d,\"currency\":\"EUR\","
                            + "\"items\":[{\"sku\":\"SKU-%d\",\"qty\":%d},{\"sku\":\"SKU-%d\",\"qty\":1}],"
                            + "\"customer\":{\"id\":\"c-%d\",\"tier\":\"%s\"},\"note\":\"%s\"}", aggregate,
                    random.nextInt(1000), random.nextInt(100), random.nextInt(500), 1 + random.nextInt(5),
                    random.nextInt(500), random.nextInt(10_000), random.nextBoolean() ? "gold" : "basic",
                    UUID.randomUUID());
            EventEnvelope e = new EventEnvelope(UUID.randomUUID(), "order", "o-" + aggregate, "order.updated", now,
                    payload, "{\"traceId\":\"" + UUID.randomUUID() + "\"}", "bench", "k-" + i, now.plusNanos(i * 1000L),
                    null, version);
            current.add(new LogEvent("bench.events.log", 0, i, e));
            if (current.size() == batchSize) {
                batches.add(current);
                current = new ArrayList<>(batchSize);
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Raw baseline: the same rows pre-encoded (encoding not timed), one COPY per batch, autocommit. */
    double rawCopy(List<List<LogEvent>> batches) {
        reset();
        List<byte[]> encoded = batches.stream().map(BinaryCopyEncoder::encode).toList();
        int rows = batches.stream().mapToInt(List::size).sum();
        try (Connection c = DriverManager.getConnection(url, servers.databaseUser(), servers.databasePassword())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            for (byte[] batch : encoded) {
                copy.copyIn(BinaryCopyEncoder.copySql("events"), new ByteArrayInputStream(batch));
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events write path alone: one jOOQ transaction per batch with the offsets and the event rows. */
    double eventsOnly(List<List<LogEvent>> batches, WriteMethod method) {
        reset();
        EventRows rows = new EventRows(method);
        OffsetStore offsets = new OffsetStore("bench");
        int total = batches.stream().mapToInt(List::size).sum();
        long start = System.nanoTime();
        for (List<LogEvent> batch : batches) {
            dsl.transaction(c -> {
                offsets.advance(c.dsl(), "bench.events.log", 0,
                        new Batch.OffsetRange(batch.getFirst().offset(), batch.getLast().offset() + 1));
                rows.insertAll(c.dsl(), batch);
            });
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** The writer's whole batch transaction, as the poll loop runs it. */
    double writer(List<List<LogEvent>> batches, WriteMethod method) {
        reset();
        BatchWriter writer = new BatchWriter(dsl, method, new OffsetStore("bench"), new InvalidationOutbox(),
                new PartitionManager(dsl, Clock.systemUTC(), Duration.ofSeconds(2)), rejections -> {
                    throw new IllegalStateException("benchmark rows must all be writable");
                }, Clock.systemUTC(), new SimpleMeterRegistry());
        int rows = batches.stream().mapToInt(List::size).sum();
        long start = System.nanoTime();
        for (List<LogEvent> batch : batches) {
            Batch b = new Batch("bench.events.log", batch, List.of(), Map.of(0,
                    new Batch.OffsetRange(batch.getFirst().offset(), batch.getLast().offset() + 1)));
            writer.write(b);
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private void reset() {
        sql("TRUNCATE events, aggregates, projection_offsets, pending_invalidations");
        sql("CHECKPOINT");
    }

    private void sql(String statement) {
        try (Connection c = DriverManager.getConnection(url, servers.databaseUser(), servers.databasePassword());
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
