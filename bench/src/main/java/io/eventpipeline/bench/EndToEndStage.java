package io.eventpipeline.bench;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (e) HTTP to visible row through the three services as separate JVMs, on fresh topics and a fresh database: the
 * sustained rate (rows counted in PostgreSQL) with the external generator, the CPU each process used per event,
 * the same phase with the old Java generator (the deployment-gap question: generator or deployment?), and the
 * accept-to-visible latency at half the rate.
 */
final class EndToEndStage {

    private EndToEndStage() {
    }

    static List<Measurement> run(Path repo, Path work, Infrastructure servers, String prefix, String apiKey,
            BenchOptions options, Progress progress, Map<String, Double> peakRss) throws Exception {
        String e2ePrefix = prefix + "e2e.";
        String database = servers.freshDatabase("bench_e2e");
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), e2ePrefix, 6, (short) 1);
        List<Measurement> out = new ArrayList<>();
        try (Services services = Services.start(repo, BenchMain.environment(servers, database, e2ePrefix, apiKey),
                BenchMain.serviceJvmOptions(), work, Services.NAMES)) {
            Generator load = new Generator(services.ingest(), apiKey, work, true);
            load.closedLoop(100, options.batchConcurrency(), Duration.ofSeconds(options.quick() ? 3 : 10), 0.1);
            EndToEnd e2e = new EndToEnd(database, servers.databaseUser(), servers.databasePassword());
            progress.begin("(e) end to end, separate JVMs: HTTP -> row, " + load.name());
            progress.note("draining the warm-up: %d s".formatted(e2e.awaitQuiet(Duration.ofMinutes(4)).toSeconds()));
            out.add(sustained("end to end: sustained HTTP -> row (separate JVMs)", e2e, load, services, options,
                    progress, 15_000.0));
            if (load.name().startsWith("wrk") && !options.quick()) {
                e2e.awaitQuiet(Duration.ofMinutes(2));
                Generator java = new Generator(services.ingest(), apiKey, work, false);
                out.add(sustained("end to end: same, Java load generator", e2e, java, services, options, progress, null));
            }
            e2e.awaitQuiet(Duration.ofMinutes(2));
            out.add(latency(e2e, load, servers, e2ePrefix, out.getFirst().value() / 2, options, progress));
            services.peakRssMib().forEach((name, mib) -> peakRss.merge(name, mib, Math::max));
        }
        return out;
    }

    private static Measurement sustained(String stage, EndToEnd e2e, Generator load, Services services,
            BenchOptions options, Progress progress, Double target) throws Exception {
        CpuShare share = CpuShare.start(services);
        EndToEnd.Sustained s = e2e.sustained(load, options.endToEndPhase(), options.batchConcurrency());
        Map<String, Double> used = share.stop();
        double servicesCpu = used.entrySet().stream().filter(e -> Services.NAMES.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        String perService = String.join(", ", Services.NAMES.stream().map(n -> "%s %.1f us".formatted(n,
                used.get(n) * 1e6 / s.rows())).toList());
        progress.note("%s: %d rows in %.1f s = %.0f rows/s; %s; %s".formatted(load.name(), s.rows(), s.seconds(),
                s.rowsPerSecond(), CpuShare.describe(used), perService));
        String note = "generator: %s (%s); batch POSTs of 100; rows counted in Postgres until drained; CPU/event: %s, %s %.1f us"
                .formatted(load.name(), Double.isNaN(s.ingest().generatorCores()) ? "its CPU is in the bench JVM"
                        : "%.2f cores".formatted(s.ingest().generatorCores()), perService, CpuShare.SELF,
                        used.get(CpuShare.SELF) * 1e6 / s.rows());
        return new Measurement(stage, s.rowsPerSecond(), "events/s", null, null, target, true, null, note,
                Measurement.Cpu.of(servicesCpu * 1e6 / s.rows()));
    }

    private static Measurement latency(EndToEnd e2e, Generator load, Infrastructure servers, String prefix,
            double rate, BenchOptions options, Progress progress) throws Exception {
        EndToEnd.Latency latency = e2e.latency(load.java(), servers.kafkaBootstrapServers(), prefix, rate,
                options.endToEndPhase());
        Map<String, Double> visible = Percentiles.ofMicros(latency.micros());
        progress.note("accept -> visible p99 %.0f ms over %d events (%d not seen)".formatted(visible.get("p99"),
                latency.measured(), latency.missing()));
        return new Measurement("end to end: accept -> visible p99 at half load", visible.get("p99"), "ms", null, null,
                500.0, false, visible, "%.0f events/s (open loop, Java); %d events measured, %d not seen"
                        .formatted(latency.eventsPerSecond(), latency.measured(), latency.missing()));
    }
}
