package io.eventpipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How long and how hard to measure, and which stages. The default run stays under 10 minutes on 2 cores,
 * {@code --quick} under 2 (and gives noisier numbers); {@code --only ingest,processor} runs just those
 * stages (the Kafka ceiling always runs: every ratio needs it).
 */
record BenchOptions(boolean quick, Path out, int concurrency, long producerRecords, Duration httpPhase,
        Duration endToEndPhase, long streamEvents, long copyRows, Set<String> stages) {

    static final List<String> ALL_STAGES = List.of("processor", "writer", "ingest", "e2e", "memory");

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("bench-results");
        int concurrency = 64;
        Set<String> stages = new LinkedHashSet<>(ALL_STAGES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--only" -> stages = stages(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --quick, --out DIR, --concurrency N, --only " + String.join(",", ALL_STAGES) + ")");
            }
        }
        return quick
                ? new BenchOptions(true, out, concurrency, 100_000, Duration.ofSeconds(5), Duration.ofSeconds(6), 60_000, 30_000, stages)
                : new BenchOptions(false, out, concurrency, 1_000_000, Duration.ofSeconds(30), Duration.ofSeconds(30), 1_000_000, 300_000, stages);
    }

    boolean runs(String stage) {
        return stages.contains(stage);
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
