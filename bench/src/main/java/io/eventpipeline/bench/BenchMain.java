package io.eventpipeline.bench;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./bench}: every stage of the pipeline next to the physical limit of this machine, measured in
 * one run on the same servers, then a markdown table, a JSON file and PNG charts in {@code bench-results/}.
 */
public final class BenchMain {

    /** The services' JVM options; {@code -Dbench.serviceJvmOptions="..."} adds more, e.g. a JFR recording. */
    private static final List<String> SERVICE_JVM = serviceJvmOptions();

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options = BenchOptions.parse(args);
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(repo.resolve("target").resolve("bench-" + System.currentTimeMillis()));
        Progress progress = new Progress(steps(options));
        List<Measurement> results = new ArrayList<>();
        Map<String, String> context = new LinkedHashMap<>();
        context.put("mode", options.quick() ? "quick" : "default");
        context.put("machine", Runtime.getRuntime().availableProcessors() + " cores, everything co-located");
        context.put("java", System.getProperty("java.version"));

        progress.begin("starting Kafka, PostgreSQL and Redis");
        try (Infrastructure servers = Infrastructure.start(System::getenv,
                new Infrastructure.Settings(work.resolve("servers"), 0, 0, 0, false))) {
            String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6) + ".";
            String database = servers.freshDatabase("bench");
            TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 6, (short) 1);
            String apiKey = "ep_bench_" + UUID.randomUUID();

            progress.begin("(a) Kafka ProducerPerformance, " + options.producerRecords() + " records of 512 B");
            ProducerCeiling.Result ceiling = ProducerCeiling.run(servers.kafkaBootstrapServers(), prefix + "ceiling",
                    options.producerRecords(), -1, work);
            progress.note("%.0f records/s, p99 %.0f ms".formatted(ceiling.recordsPerSecond(), ceiling.percentiles().get("p99")));
            results.add(new Measurement("Kafka ProducerPerformance (ceiling)", ceiling.recordsPerSecond(), "events/s",
                    null, null, null, true, ceiling.percentiles(), "acks=all, idempotent, lz4, linger 5 ms, batch 128 KB"));

            if (options.runs("processor")) {
                progress.begin("(c) stream-processor vs the reference dedup topology and a pass-through, "
                        + options.streamEvents() + " events, 10% duplicates, Bloom on and off, each its own JVM");
                ProcessorPeers.Input input = ProcessorPeers.prepare(servers.kafkaBootstrapServers(), repo, work,
                        (int) options.streamEvents(), 0.10, 0);
                results.addAll(ProcessorStage.run(input, options.quick() ? 1 : 2, 2, progress));
            }
            if (options.runs("writer")) {
                progress.begin("(d) projection-writer vs the Debezium JDBC sink and raw binary COPY, " + options.copyRows()
                        + " rows");
                results.addAll(WriterStage.run(servers, repo, work, (int) options.copyRows(), progress));
            }
            if (options.runs("ingest") || options.runs("e2e")) {
                services(repo, work, servers, database, prefix, apiKey, ceiling, options, progress, results);
            }
        }

        if (options.runs("memory")) {
            progress.begin("embedded all-in-one (./run): memory under load");
            results.add(AllInOne.measure(repo, work, options));
        }

        progress.begin("writing the report");
        Report.write(options.out(), results, context);
        System.out.println();
        System.out.println(Report.markdown(results, context));
        System.out.println("written: " + options.out().resolve("results.md") + ", results.json, throughput.png, latency.png");
    }

    /**
     * The ingest-api alone first, like ProducerPerformance before it (nothing else consuming the broker);
     * then, on fresh topics and a fresh database, all three services for the end-to-end stages, so those
     * start from an empty pipeline instead of millions of events (b) left behind.
     */
    private static void services(Path repo, Path work, Infrastructure servers, String database, String prefix,
            String apiKey, ProducerCeiling.Result ceiling, BenchOptions options, Progress progress,
            List<Measurement> results) throws Exception {
        Map<String, Double> peakRss = new LinkedHashMap<>();
        if (options.runs("ingest")) {
            progress.begin("starting the ingest-api as its own JVM");
            try (Services services = Services.start(repo, environment(servers, database, prefix, apiKey),
                    SERVICE_JVM, work, List.of("ingest-api"))) {
                ingest(new HttpLoad(services.ingest(), apiKey), services, ceiling, options, progress, results);
                services.peakRssMib().forEach((name, mib) -> peakRss.merge(name, mib, Math::max));
            }
        }
        if (options.runs("e2e")) {
            progress.begin("starting the three services as separate JVMs, on fresh topics and a fresh database");
            String e2ePrefix = prefix + "e2e.";
            String e2eDatabase = servers.freshDatabase("bench_e2e");
            TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), e2ePrefix, 6, (short) 1);
            try (Services services = Services.start(repo, environment(servers, e2eDatabase, e2ePrefix, apiKey),
                    SERVICE_JVM, work, Services.NAMES)) {
                HttpLoad load = new HttpLoad(services.ingest(), apiKey);
                load.closedLoop(100, batchConcurrency(options), Duration.ofSeconds(options.quick() ? 3 : 10), 0.1);
                endToEnd(load, servers, e2eDatabase, e2ePrefix, options, progress, results);
                services.peakRssMib().forEach((name, mib) -> peakRss.merge(name, mib, Math::max));
            }
        }
        progress.begin("peak RSS of each service");
        peakRss.forEach((name, mib) -> results.add(new Measurement("peak RSS: " + name, mib, "MiB",
                null, null, 512.0, false, null, "JVM options " + String.join(" ", SERVICE_JVM))));
    }

    static Map<String, String> environment(Infrastructure servers, String database, String prefix, String apiKey) {
        Map<String, String> env = new LinkedHashMap<>(servers.environment());
        env.put("DATABASE_URL", database);
        env.put("TOPIC_PREFIX", prefix);
        env.put("INGEST_BOOTSTRAP_API_KEY", apiKey);
        env.put("INGEST_BOOTSTRAP_PRODUCER", "bench");
        env.putAll(serviceTuning());
        return env;
    }

    private static void ingest(HttpLoad load, Services services, ProducerCeiling.Result ceiling, BenchOptions options,
            Progress progress, List<Measurement> results) throws Exception {
        // Warm-up of both routes at full concurrency, so the JIT compiles before the clock runs (a profile of
        // a 3 s warm-up at low concurrency showed a quarter of the measured phase's CPU in the JIT compiler).
        Duration warmUp = options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        load.closedLoop(1, options.concurrency(), warmUp, 0.1);
        load.closedLoop(100, batchConcurrency(options), warmUp, 0.1);

        progress.begin("(b) ingest-api single POSTs, " + options.concurrency() + " concurrent, 10% repeated keys");
        CpuShare cpu = CpuShare.start(services);
        HttpLoad.Result single = load.closedLoop(1, options.concurrency(), options.httpPhase(), 0.1);
        progress.note(describe(single) + "; " + cpu.stop());
        results.add(new Measurement("ingest: single POST (max)", single.eventsPerSecond(), "events/s",
                ceiling.recordsPerSecond(), "ProducerPerformance", 0.25, true, single.percentilesMs(),
                "statuses " + single.statuses()));
        double half = single.eventsPerSecond() / 2;
        HttpLoad.Result halfLoad = load.openLoop(1, half, options.httpPhase(), 0.1, null);
        progress.note("at half load: " + describe(halfLoad));
        results.add(new Measurement("ingest: single POST p99 at half load", halfLoad.percentilesMs().get("p99"),
                "ms", null, null, 50.0, false, halfLoad.percentilesMs(),
                "open loop at %.0f requests/s; statuses %s".formatted(half, halfLoad.statuses())));

        progress.begin("(b) ingest-api batch POSTs, 100 events each, 10% repeated keys");
        cpu = CpuShare.start(services);
        HttpLoad.Result batch = load.closedLoop(100, batchConcurrency(options), options.httpPhase(), 0.1);
        progress.note(describe(batch) + "; " + cpu.stop());
        results.add(new Measurement("ingest: batch POST (100/request)", batch.eventsPerSecond(), "events/s",
                ceiling.recordsPerSecond(), "ProducerPerformance", 0.60, true, batch.percentilesMs(),
                "statuses " + batch.statuses()));
    }

    /** How many progress steps the chosen stages print: servers, ceiling and report always. */
    private static int steps(BenchOptions options) {
        boolean services = options.runs("ingest") || options.runs("e2e");
        return 3 + (options.runs("processor") ? 1 : 0) + (options.runs("writer") ? 1 : 0)
                + (options.runs("ingest") ? 3 : 0) + (options.runs("e2e") ? 2 : 0) + (services ? 1 : 0)
                + (options.runs("memory") ? 1 : 0);
    }

    private static int batchConcurrency(BenchOptions options) {
        return Math.max(4, options.concurrency() / 8);
    }

    private static void endToEnd(HttpLoad load, Infrastructure servers, String database, String prefix,
            BenchOptions options, Progress progress, List<Measurement> results) throws Exception {
        progress.begin("(e) end to end: HTTP -> visible row");
        EndToEnd e2e = new EndToEnd(database, servers.databaseUser(), servers.databasePassword());
        progress.note("draining the warm-up through the processor and writer: %d s"
                .formatted(e2e.awaitQuiet(Duration.ofMinutes(4)).toSeconds()));
        EndToEnd.Sustained sustained = e2e.sustained(load, options.endToEndPhase(), 8);
        progress.note("%d rows in %.1f s = %.0f rows/s".formatted(sustained.rows(), sustained.seconds(),
                sustained.rowsPerSecond()));
        results.add(new Measurement("end to end: sustained HTTP -> row", sustained.rowsPerSecond(), "events/s",
                null, null, 30_000.0, true, null, "batch POSTs; rows counted in Postgres until drained"));
        e2e.awaitQuiet(Duration.ofMinutes(2));
        EndToEnd.Latency latency = e2e.latency(load, servers.kafkaBootstrapServers(), prefix,
                sustained.rowsPerSecond() / 2, options.endToEndPhase());
        Map<String, Double> visible = Percentiles.ofMicros(latency.micros());
        progress.note("accept -> visible p99 %.0f ms over %d events (%d not seen)".formatted(visible.get("p99"),
                latency.measured(), latency.missing()));
        results.add(new Measurement("end to end: accept -> visible p99 at half load", visible.get("p99"), "ms",
                null, null, 1000.0, false, visible,
                "%.0f events/s; %d events measured, %d not seen".formatted(latency.eventsPerSecond(),
                        latency.measured(), latency.missing())));
    }

    /** Where the CPU went during a phase: each service JVM and this JVM (broker + load generator), in cores. */
    private record CpuShare(Services services, Map<String, Double> before, double selfBefore, long startedNanos) {

        static CpuShare start(Services services) {
            return new CpuShare(services, services.cpuSeconds(), selfCpuSeconds(), System.nanoTime());
        }

        String stop() {
            double wall = (System.nanoTime() - startedNanos) / 1e9;
            StringBuilder text = new StringBuilder("cpu cores:");
            services.cpuSeconds().forEach((name, seconds) -> text.append(" %s %.2f,".formatted(name,
                    (seconds - before.getOrDefault(name, 0.0)) / wall)));
            return text.append(" broker+load generator %.2f".formatted((selfCpuSeconds() - selfBefore) / wall)).toString();
        }

        private static double selfCpuSeconds() {
            return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        }
    }

    static List<String> serviceJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k"));
        String extra = System.getProperty("bench.serviceJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return List.copyOf(options);
    }

    /** Service settings a load test needs: no per-producer rate limit in the way of the measurement. */
    static Map<String, String> serviceTuning() {
        return Map.of("RATE_LIMIT_PER_SECOND", "10000000", "RATE_LIMIT_BURST", "10000000");
    }

    static String describe(HttpLoad.Result r) {
        Map<String, Double> p = r.percentilesMs();
        return "%.0f events/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, replays %d, statuses %s".formatted(
                r.eventsPerSecond(), p.get("p50"), p.get("p95"), p.get("p99"), r.replays(), r.statuses());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
