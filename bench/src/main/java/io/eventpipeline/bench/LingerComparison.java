package io.eventpipeline.bench;

import io.eventpipeline.bench.support.LocalServers;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Chooses the ingest-api producer's {@code KAFKA_LINGER_MS} by measurement: single and batch POSTs for each
 * linger value, alternated A/B/A/B against the same broker so machine noise hits every value alike; the
 * ingest-api runs as its own JVM from its executable jar. Build first ({@code ./mvnw install -DskipTests}), then
 * {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.eventpipeline.bench.LingerComparison}
 * with {@code -Dbench.lingers=0,5,20 -Dbench.seconds=8 -Dbench.rounds=2}.
 */
public final class LingerComparison {

    private LingerComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lingers = List.of(System.getProperty("bench.lingers", "0,5,20").split(","));
        Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 8));
        int rounds = Integer.getInteger("bench.rounds", 2);
        Map<String, double[]> totals = new LinkedHashMap<>();
        Infrastructure servers = LocalServers.start();
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("linger-");
        for (int round = 0; round < rounds; round++) {
            for (String linger : lingers) {
                double[] t = totals.computeIfAbsent(linger.strip(), k -> new double[4]);
                measure(servers, repo, work, linger.strip(), round, phase, t);
            }
        }
        totals.forEach((linger, t) -> System.out.printf(Locale.ROOT,
                "mean linger %3s ms: single %,8.0f ev/s p99 %.0f ms | batch %,8.0f ev/s p99 %.0f ms%n",
                linger, t[0] / rounds, t[1] / rounds, t[2] / rounds, t[3] / rounds));
        System.exit(0);
    }

    private static void measure(Infrastructure servers, Path repo, Path work, String linger, int round, Duration phase,
            double[] totals) throws Exception {
        String prefix = "linger" + linger + "-" + round + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 6, (short) 1);
        String apiKey = "ep_linger_" + UUID.randomUUID();
        Map<String, String> env = new LinkedHashMap<>(BenchMain.environment(servers,
                servers.freshDatabase("linger_" + linger + "_" + round), prefix, apiKey));
        env.put("KAFKA_LINGER_MS", linger);
        try (Services services = Services.start(repo, env, BenchMain.serviceJvmOptions(), work, List.of("ingest-api"))) {
            HttpLoad load = new HttpLoad(services.ingest(), apiKey);
            load.closedLoop(1, 64, Duration.ofSeconds(3), 0.0);
            HttpLoad.Result single = load.closedLoop(1, 64, phase, 0.0);
            HttpLoad.Result batch = load.closedLoop(100, 8, phase, 0.0);
            totals[0] += single.eventsPerSecond();
            totals[1] += single.percentilesMs().get("p99");
            totals[2] += batch.eventsPerSecond();
            totals[3] += batch.percentilesMs().get("p99");
            System.out.printf(Locale.ROOT, "round %d linger %3s ms: single %s | batch %s%n", round, linger,
                    BenchMain.describe(single), BenchMain.describe(batch));
        }
    }
}
