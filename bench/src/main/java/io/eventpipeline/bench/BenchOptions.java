package io.eventpipeline.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how hard to measure. The default run stays under 10 minutes on 2 cores, {@code --quick}
 * under 2 (and gives noisier numbers).
 */
record BenchOptions(boolean quick, Path out, int concurrency, long producerRecords, Duration httpPhase,
        Duration endToEndPhase, long streamEvents, long copyRows) {

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("bench-results");
        int concurrency = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --quick, --out DIR, --concurrency N)");
            }
        }
        return quick
                ? new BenchOptions(true, out, concurrency, 100_000, Duration.ofSeconds(5), Duration.ofSeconds(6), 60_000, 30_000)
                : new BenchOptions(false, out, concurrency, 1_000_000, Duration.ofSeconds(30), Duration.ofSeconds(30), 1_000_000, 300_000);
    }
}
