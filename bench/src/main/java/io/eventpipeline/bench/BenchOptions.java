package io.eventpipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How long and how hard to measure, and which stages. The default run stays under 15 minutes on 2 cores,
 * {@code --quick} under 3 (and gives noisier numbers); {@code --only ingest,processor} runs just those stages (the
 * Kafka ceiling always runs: the ingest ratios need it). {@code bloom-large} (Bloom on vs off with millions of
 * retained ids, {@code --bloom-events N}, default 5,000,000) is not part of the default run: it takes about 15
 * minutes on its own; nor is {@code tracing} (the ingest phases with tracing off and on, about 5 minutes).
 */
record BenchOptions(boolean quick, Path out, int concurrency, long producerRecords, Duration httpPhase,
        Duration endToEndPhase, long streamEvents, long copyRows, int bloomLargeEvents, Set<String> stages) {

    static final List<String> DEFAULT_STAGES = List.of("processor", "scaling", "writer", "ingest", "e2e", "memory");
    static final List<String> ALL_STAGES = List.of("processor", "scaling", "bloom-large", "writer", "ingest", "tracing",
            "e2e", "memory");

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("bench-results");
        int concurrency = 64;
        int bloomEvents = 5_000_000;
        Set<String> stages = new LinkedHashSet<>(DEFAULT_STAGES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--only" -> stages = stages(args[++i]);
                case "--bloom-events" -> bloomEvents = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --quick, --out DIR, --concurrency N, --bloom-events N, --only "
                        + String.join(",", ALL_STAGES) + ")");
            }
        }
        return quick
                ? new BenchOptions(true, out, concurrency, 100_000, Duration.ofSeconds(5), Duration.ofSeconds(6), 40_000,
                        20_000, bloomEvents, stages)
                : new BenchOptions(false, out, concurrency, 1_000_000, Duration.ofSeconds(20), Duration.ofSeconds(20),
                        1_000_000, 200_000, bloomEvents, stages);
    }

    /** Connections for batch POSTs: fewer, each request carries 100 events. */
    int batchConcurrency() {
        return Math.max(4, concurrency / 8);
    }

    boolean runs(String stage) {
        return stages.contains(stage);
    }

    /** How many progress steps the chosen stages print: servers, ceiling and report always. */
    int steps() {
        return 3 + (runs("processor") || runs("scaling") ? 1 : 0) + (runs("scaling") ? 1 : 0)
                + (runs("bloom-large") ? 1 : 0) + (runs("writer") ? 1 : 0) + (runs("ingest") ? 3 : 0)
                + (runs("tracing") ? TracingStage.steps(quick) : 0)
                + (runs("e2e") ? 2 : 0) + (runs("memory") ? 1 : 0);
    }

    private static Set<String> stages(String list) {
        Set<String> chosen = new LinkedHashSet<>(Arrays.asList(list.split(",")));
        for (String stage : chosen) {
            if (!ALL_STAGES.contains(stage)) {
                throw new IllegalArgumentException("unknown stage " + stage + " (stages: " + String.join(",", ALL_STAGES) + ")");
            }
        }
        return Set.copyOf(chosen);
    }
}
