package io.eventpipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded all-in-one as {@code ./run} starts it (one JVM, its PostgreSQL and Redis child processes), driven
 * end to end by the same generator and phase as the separate JVMs: the sustained rate (rows counted in its
 * PostgreSQL), the CPU of the whole process tree per event, and its peak RSS; then SIGTERM, checking that no
 * process is left behind.
 */
final class AllInOne {

    private AllInOne() {
    }

    static List<Measurement> measure(Path repo, Path work, BenchOptions options, Progress progress) throws Exception {
        Path jar = repo.resolve("local/target/local-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build first (./mvnw install -DskipTests)");
        }
        String apiKey = "ep_allinone_" + UUID.randomUUID();
        int http = BenchMain.freePort();
        int postgres = BenchMain.freePort();
        List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");
        ChildJvm allInOne = ChildJvm.start("all-in-one", jvm, List.of("-jar", jar.toString()),
                environment(work, apiKey, http, postgres), work);
        try {
            // a saturated machine took over 3 minutes to start it (JVM, Kafka, PostgreSQL, Redis, four services)
            Services.awaitHealthy(allInOne, http, Duration.ofMinutes(6));
            Generator load = new Generator(BenchMain.local(http), apiKey, work, true);
            load.closedLoop(100, options.batchConcurrency(), Duration.ofSeconds(options.quick() ? 3 : 10), 0.1);
            EndToEnd e2e = new EndToEnd("jdbc:postgresql://127.0.0.1:" + postgres + "/postgres", "postgres", "postgres");
            e2e.awaitQuiet(Duration.ofMinutes(3));
            double cpuBefore = ProcessCpu.treeSeconds(allInOne.pid());
            EndToEnd.Sustained s = e2e.sustained(load, options.endToEndPhase(), options.batchConcurrency());
            double cpuMicros = (ProcessCpu.treeSeconds(allInOne.pid()) - cpuBefore) * 1e6 / s.rows();
            progress.note("all-in-one, %s: %d rows in %.1f s = %.0f rows/s, %.1f us CPU per event (JVM + PostgreSQL + Redis)"
                    .formatted(load.name(), s.rows(), s.seconds(), s.rowsPerSecond(), cpuMicros));
            double treeMib = allInOne.treeRssMib();
            double jvmMib = allInOne.peakRssMib();
            long leftovers = allInOne.terminate();
            List<Measurement> out = new ArrayList<>();
            out.add(new Measurement("end to end: sustained HTTP -> row (all-in-one ./run)", s.rowsPerSecond(), "events/s",
                    null, null, null, true, null, "generator: %s; JVM options %s; CPU/event of the whole tree (broker, services, PostgreSQL, Redis)"
                            .formatted(load.name(), String.join(" ", jvm)), Measurement.Cpu.of(cpuMicros)));
            out.add(new Measurement("peak RSS: embedded all-in-one (JVM + PostgreSQL + Redis)", treeMib, "MiB", null,
                    null, 1024.0, false, null, "JVM peak RSS %.0f MiB; processes left after SIGTERM: %d"
                            .formatted(jvmMib, leftovers)));
            return out;
        } finally {
            allInOne.close();
        }
    }

    private static Map<String, String> environment(Path work, String apiKey, int http, int postgres) {
        Map<String, String> env = new LinkedHashMap<>(BenchMain.serviceTuning());
        env.put("PIPELINE_DATA_DIR", work.resolve("all-in-one").toString());
        env.put("HTTP_PORT", String.valueOf(http));
        env.put("POSTGRES_PORT", String.valueOf(postgres));
        for (String port : List.of("PROCESSOR_HTTP_PORT", "WRITER_HTTP_PORT", "READ_HTTP_PORT", "KAFKA_PORT", "REDIS_PORT",
                "MANAGEMENT_PORT", "READ_MANAGEMENT_PORT", "PGBOUNCER_PORT")) {
            env.put(port, String.valueOf(BenchMain.freePort()));
        }
        // the ingest-api's actuator on its HTTP port, where awaitHealthy looks (its own default is 9080)
        env.put("INGEST_MANAGEMENT_PORT", String.valueOf(http));
        env.put("INGEST_BOOTSTRAP_API_KEY", apiKey);
        for (String external : List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "REDIS_URL")) {
            env.put(external, "");
        }
        return env;
    }
}
