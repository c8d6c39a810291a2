package io.eventpipeline.ingest.bench;

import io.eventpipeline.ingest.IngestApp;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Chooses the producer's {@code KAFKA_LINGER_MS} by measurement: single and batch POSTs for each linger value,
 * alternated A/B/A/B in one JVM against the same broker so machine noise hits every value alike.
 * {@code -Dbench.lingers=0,5,20 -Dbench.seconds=8 -Dbench.rounds=2}
 */
public final class LingerComparison {

    private LingerComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lingers = List.of(System.getProperty("bench.lingers", "0,5,20").split(","));
        int seconds = Integer.getInteger("bench.seconds", 8);
        int rounds = Integer.getInteger("bench.rounds", 2);
        Map<String, double[]> totals = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        for (int round = 0; round < rounds; round++) {
            for (String linger : lingers) {
                try (IngestApp app = IngestApp.start("linger" + linger.strip() + "_" + round, Map.of("KAFKA_LINGER_MS", linger.strip(),
                        "RATE_LIMIT_PER_SECOND", "10000000", "RATE_LIMIT_BURST", "10000000", "SLOW_REQUEST_THRESHOLD", "10s"))) {
                    IngestBenchmark.load(app, http, "/v1/events", 1, 64, 2, 0);
                    IngestBenchmark.Phase single = IngestBenchmark.load(app, http, "/v1/events", 1, 64, seconds, 0);
                    IngestBenchmark.Phase batch = IngestBenchmark.load(app, http, "/v1/events:batch", 100, 8, seconds, 0);
                    double[] t = totals.computeIfAbsent(linger.strip(), k -> new double[4]);
                    t[0] += single.eventsPerSecond();
                    t[1] += single.latency().p99();
                    t[2] += batch.eventsPerSecond();
                    t[3] += batch.latency().p99();
                    System.out.printf(Locale.ROOT, "round %d linger %3s ms: single %,8.0f ev/s (%s) | batch %,8.0f ev/s (%s)%n", round,
                            linger.strip(), single.eventsPerSecond(), single.latency(), batch.eventsPerSecond(), batch.latency());
                }
            }
        }
        totals.forEach((linger, t) -> System.out.printf(Locale.ROOT,
                "mean linger %3s ms: single %,8.0f ev/s p99 %.0f ms | batch %,8.0f ev/s p99 %.0f ms%n",
                linger, t[0] / rounds, t[1] / rounds, t[2] / rounds, t[3] / rounds));
        System.exit(0);
    }
}
