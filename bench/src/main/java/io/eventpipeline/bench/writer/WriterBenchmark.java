package io.eventpipeline.bench.writer;

import io.eventpipeline.bench.support.LocalServers;
import io.eventpipeline.projection.write.WriteMethod;
import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.servers.Infrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Infrastructure servers = LocalServers.start();
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
        WriterTables bench = new WriterTables(servers, "bench_writer_" + (gin ? "gin" : "nogin"), gin);
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
        WriterTables bench = new WriterTables(servers, "bench_writer_sweep", true);
        try {
            Map<Integer, Double> rates = new LinkedHashMap<>();
            for (int size : sizes) {
                rates.put(size, bench.writer(bench.batches(rows, size), WriteMethod.COPY));
            }
            return new Sweep(rates);
        } finally {
            bench.close();
        }
    }
}
