package io.eventpipeline.bench;

import io.eventpipeline.bench.processor.ProcessorBenchmark;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.bench.writer.WriterBenchmark;
import io.eventpipeline.servers.Infrastructure;
import java.time.Duration;
import java.util.List;

/**
 * Stages (c) and (d), through the harnesses in this module's sub-packages: the same input for the
 * component and its baseline, in this run, on these servers.
 */
final class StreamStages {

    private StreamStages() {
    }

    /**
     * The processor as configured by default (Bloom off, two stream threads) and with Bloom on, each next to a
     * pass-through with the same settings; medians over {@code rounds} (the first round pays JIT warm-up).
     */
    static List<Measurement> processor(String bootstrap, int events, int rounds, Progress progress) throws Exception {
        ProcessorBenchmark.Result r = ProcessorBenchmark.run(bootstrap, events, 0.10, rounds, Duration.ofMillis(100));
        progress.note("pass-through %.0f/s, Bloom off %.0f/s, Bloom on %.0f/s".formatted(r.passThroughPerSecond(),
                r.bloomOffPerSecond(), r.bloomOnPerSecond()));
        String note = "%,d events, 10%% duplicates, %d partitions, %d stream threads, commit 100 ms, median of %d round(s)"
                .formatted(r.events(), r.partitions(), ProcessorConfig.DEFAULT_STREAM_THREADS, rounds);
        return List.of(
                new Measurement("processor (default: Bloom off)", r.bloomOffPerSecond(), "events/s",
                        r.passThroughPerSecond(), "pass-through EOS topology", 0.90, true, null, note),
                new Measurement("processor with Bloom on", r.bloomOnPerSecond(), "events/s",
                        r.bloomOffPerSecond(), "processor with Bloom off", 1.15, true, null,
                        "Bloom stays the default only if this holds"));
    }

    /** The writer's whole batch transaction and its events path, each next to raw binary COPY. */
    static List<Measurement> writer(Infrastructure servers, int rows, Progress progress) {
        WriterBenchmark.Result gin = WriterBenchmark.run(servers, true, rows, 2_000, 1);
        WriterBenchmark.Result noGin = WriterBenchmark.run(servers, false, rows, 2_000, 1);
        progress.note("raw COPY %.0f rows/s (GIN) / %.0f (no GIN); writer %.0f / %.0f".formatted(
                gin.rawCopyRowsPerSecond(), noGin.rawCopyRowsPerSecond(), gin.writerCopyRowsPerSecond(),
                noGin.writerCopyRowsPerSecond()));
        String setup = "%,d rows, batches of 2,000, monthly partitions with the design's indexes".formatted(rows);
        return List.of(
                new Measurement("writer: whole batch transaction (GIN on)", gin.writerCopyRowsPerSecond(), "events/s",
                        gin.rawCopyRowsPerSecond(), "raw binary COPY, same table", 0.70, true, null,
                        setup + "; events + aggregates + offsets + outbox in one transaction"),
                new Measurement("writer: events path only (GIN on)", gin.eventsCopyRowsPerSecond(), "events/s",
                        gin.rawCopyRowsPerSecond(), "raw binary COPY, same table", 0.70, true, null,
                        setup + "; jOOQ transaction, COPY on its connection, offsets"),
                new Measurement("writer: whole batch transaction (GIN off)", noGin.writerCopyRowsPerSecond(), "events/s",
                        noGin.rawCopyRowsPerSecond(), "raw binary COPY, same table", 0.70, true, null, setup),
                new Measurement("raw COPY with the GIN index (its cost)", gin.rawCopyRowsPerSecond(), "events/s",
                        noGin.rawCopyRowsPerSecond(), "raw COPY without GIN", null, true, null,
                        "ratio = speed kept with the GIN index"));
    }
}
