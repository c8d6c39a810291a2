package io.eventpipeline.projection.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.projection.config.Databases;
import io.eventpipeline.projection.config.PoolSettings;
import io.eventpipeline.projection.config.WriterSettings.WriteMethod;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.projection.write.Batch;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.write.BinaryCopyEncoder;
import io.eventpipeline.projection.write.EventRows;
import io.eventpipeline.projection.write.LogEvent;
import io.eventpipeline.projection.write.OffsetStore;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.TestServers;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;

/**
 * Rows/s of the writer's batch transaction (events + aggregates upsert + offsets + outbox, through
 * {@link BatchWriter}) with binary COPY and with multi-row INSERT, next to raw binary COPY of the same
 * pre-encoded rows into the same table with the same indexes, each in one run, with and without the GIN
 * index on {@code event_data}. Every measurement starts from an empty table; each method runs
 * {@code rounds} times interleaved and the best round counts (the machine is noisy). Also sweeps the
 * writer's batch size, which is how the default {@code WRITER_BATCH_MAX_RECORDS} was chosen.
 *
 * <p>Run: {@code java -cp <test classpath> io.eventpipeline.projection.bench.WriterBenchmark [rows] [batch] [rounds]}.
 */
public final class WriterBenchmark {

    /** One configuration's numbers. */
    public record Result(boolean ginIndex, int rows, int batchSize, double rawCopyRowsPerSecond,
            double eventsCopyRowsPerSecond, double eventsInsertRowsPerSecond,
            double writerCopyRowsPerSecond, double writerInsertRowsPerSecond) {

        /** The events write path (jOOQ transaction, COPY on its connection, offsets) against raw COPY: the 0.70 target. */
        public double eventsCopyRatio() {
            return eventsCopyRowsPerSecond / rawCopyRowsPerSecond;
        }

        public double eventsInsertRatio() {
            return eventsInsertRowsPerSecond / rawCopyRowsPerSecond;
        }

        public double copyRatio() {
            return writerCopyRowsPerSecond / rawCopyRowsPerSecond;
        }

        public double insertRatio() {
            return writerInsertRowsPerSecond / rawCopyRowsPerSecond;
        }
    }

    /** Writer COPY rows/s per batch size (GIN index on). */
    public record Sweep(Map<Integer, Double> rowsPerSecondByBatchSize) {
    }

    private WriterBenchmark() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Infrastructure servers = TestServers.shared();
        for (boolean gin : new boolean[] {true, false}) {
            Result r = run(servers, gin, rows, batch, rounds);
            System.out.printf(Locale.ROOT, "gin=%-5s rows=%d batch=%d  raw COPY %,.0f rows/s%n"
                            + "    events path: jOOQ tx + COPY %,.0f rows/s (%.2fx) | jOOQ tx + multi-row INSERT %,.0f rows/s (%.2fx)%n"
                            + "    whole batch tx (events + aggregates + offsets + outbox): COPY %,.0f rows/s (%.2fx)"
                            + " | INSERT %,.0f rows/s (%.2fx)%n", gin, r.rows(), r.batchSize(), r.rawCopyRowsPerSecond(),
                    r.eventsCopyRowsPerSecond(), r.eventsCopyRatio(), r.eventsInsertRowsPerSecond(), r.eventsInsertRatio(),
                    r.writerCopyRowsPerSecond(), r.copyRatio(), r.writerInsertRowsPerSecond(), r.insertRatio());
        }
        Sweep sweep = sweepBatchSizes(servers, rows / 2, List.of(100, 500, 2_000, 5_000));
        sweep.rowsPerSecondByBatchSize().forEach((size, rate) ->
                System.out.printf(Locale.ROOT, "batch sweep (gin on): batch=%5d  writer COPY %,.0f rows/s%n", size, rate));
        System.exit(0);
    }

    public static Result run(Infrastructure servers, boolean gin, int rows, int batchSize, int rounds) {
        Bench bench = new Bench(servers, "bench_writer_" + (gin ? "gin" : "nogin"), gin);
        try {
            List<List<LogEvent>> batches = bench.batches(rows, batchSize);
            double raw = 0;
            double eventsCopy = 0;
            double eventsInsert = 0;
            double copy = 0;
            double insert = 0;
            for (int round = 0; round < rounds; round++) {
                raw = Math.max(raw, bench.rawCopy(batches));
                eventsCopy = Math.max(eventsCopy, bench.eventsOnly(batches, WriteMethod.COPY));
                eventsInsert = Math.max(eventsInsert, bench.eventsOnly(batches, WriteMethod.INSERT));
                copy = Math.max(copy, bench.writer(batches, WriteMethod.COPY));
                insert = Math.max(insert, bench.writer(batches, WriteMethod.INSERT));
            }
            return new Result(gin, rows, batchSize, raw, eventsCopy, eventsInsert, copy, insert);
        } finally {
            bench.close();
        }
    }

    public static Sweep sweepBatchSizes(Infrastructure servers, int rows, List<Integer> sizes) {
        Bench bench = new Bench(servers, "bench_writer_sweep", true);
        try {
            Map<Integer, Double> rates = new java.util.LinkedHashMap<>();
            for (int size : sizes) {
                rates.put(size, bench.writer(bench.batches(rows, size), WriteMethod.COPY));
            }
            return new Sweep(rates);
        } finally {
            bench.close();
        }
    }

    private static final class Bench implements AutoCloseable {

        private final Infrastructure servers;
        private final String url;
        private final HikariDataSource pool;
        private final DSLContext dsl;
        private final Random random = new Random(42);

        Bench(Infrastructure servers, String database, boolean gin) {
            this.servers = servers;
            this.url = servers.freshDatabase(database);
            WriterFixture.migrate(url, servers.databaseUser(), servers.databasePassword());
            if (!gin) {
                sql("DROP INDEX idx_events_data_gin");
            }
            this.pool = Databases.pool(new PoolSettings("write", url, servers.databaseUser(), servers.databasePassword(),
                    2, 1, Duration.ofSeconds(5), null), new SimpleMeterRegistry());
            this.dsl = Databases.dsl(pool);
            new PartitionManager(dsl, Clock.systemUTC(), Duration.ofSeconds(2)).ensureMonths(
                    List.of(YearMonth.now(ZoneOffset.UTC)));
        }

        /** Realistic rows: ~300-byte payloads, 2000 aggregates with gapless versions, Kafka offsets in order. */
        List<List<LogEvent>> batches(int rows, int batchSize) {
            Map<Integer, Long> versions = new java.util.HashMap<>();
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
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
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
}
