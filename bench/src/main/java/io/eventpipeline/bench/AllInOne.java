package io.eventpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded all-in-one as {@code ./run} starts it (one JVM, its PostgreSQL and Redis child
 * processes), under batch load; reports the JVM's peak RSS plus its children's RSS, then stops it with
 * SIGTERM and checks that no process is left behind.
 */
final class AllInOne {

    private AllInOne() {
    }

    static Measurement measure(Path repo, Path work, BenchOptions options) throws Exception {
        Path jar = repo.resolve("local/target/local-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build first (./mvnw install -DskipTests)");
        }
        String apiKey = "ep_allinone_" + UUID.randomUUID();
        int http = BenchMain.freePort();
        Map<String, String> env = new LinkedHashMap<>(BenchMain.serviceTuning());
        env.put("PIPELINE_DATA_DIR", work.resolve("all-in-one").toString());
        env.put("HTTP_PORT", String.valueOf(http));
        env.put("PROCESSOR_HTTP_PORT", String.valueOf(BenchMain.freePort()));
        env.put("WRITER_HTTP_PORT", String.valueOf(BenchMain.freePort()));
        env.put("READ_HTTP_PORT", String.valueOf(BenchMain.freePort()));
        env.put("READ_MANAGEMENT_PORT", String.valueOf(BenchMain.freePort()));
        env.put("INGEST_MANAGEMENT_PORT", String.valueOf(BenchMain.freePort()));
        env.put("KAFKA_PORT", String.valueOf(BenchMain.freePort()));
        env.put("POSTGRES_PORT", String.valueOf(BenchMain.freePort()));
        env.put("REDIS_PORT", String.valueOf(BenchMain.freePort()));
        env.put("INGEST_BOOTSTRAP_API_KEY", apiKey);
        for (String external : List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "REDIS_URL")) {
            env.put(external, "");
        }
        List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");
        ChildJvm allInOne = ChildJvm.start("all-in-one", jvm, List.of("-jar", jar.toString()), env, work);
        double treeMib;
        try {
            Services.awaitHealthy(allInOne, http, Duration.ofMinutes(3));
            HttpLoad load = new HttpLoad(BenchMain.local(http), apiKey);
            HttpLoad.Result result = load.closedLoop(100, 8, options.httpPhase(), 0.1);
            treeMib = allInOne.treeRssMib();
            String note = "JVM options %s; %.0f events/s accepted during the measurement; JVM peak RSS %.0f MiB"
                    .formatted(String.join(" ", jvm), result.eventsPerSecond(), allInOne.peakRssMib());
            long leftovers = allInOne.terminate();
            return new Measurement("peak RSS: embedded all-in-one (JVM + PostgreSQL + Redis)", treeMib, "MiB", null, null,
                    2048.0, false, null, note + "; processes left after SIGTERM: " + leftovers);
        } finally {
            allInOne.close();
        }
    }
}
