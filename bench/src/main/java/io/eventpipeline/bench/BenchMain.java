package io.eventpipeline.bench;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code ./benchmark}: every stage of the pipeline next to the peer users would pick instead and the physical limit
 * of this machine, measured in one run on the same servers with CPU per event, then a markdown table, a JSON file
 * and PNG charts in {@code bench-results/}.
 */
public final class BenchMain {

    /** Set once per run: where {@link #attempt} writes the report so far after each stage. */
    private static Checkpoint checkpoint;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options = BenchOptions.parse(args);
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(repo.resolve("target").resolve("bench-" + System.currentTimeMillis()));
        Progress progress = new Progress(options.steps());
        List<Measurement> results = new ArrayList<>();
        List<Curve> curves = new ArrayList<>();
        Map<String, String> context = new LinkedHashMap<>();
        context.put("mode", options.quick() ? "quick" : "default");
        context.put("machine", Runtime.getRuntime().availableProcessors() + " cores, everything co-located");
        context.put("java", System.getProperty("java.version"));
        context.put("load average at start", Files.readString(Path.of("/proc/loadavg")).strip());

        checkpoint = new Checkpoint(options.out(), results, curves, context);
        progress.begin("starting Kafka, PostgreSQL and Redis");
        try (Infrastructure servers = Infrastructure.start(System::getenv,
                new Infrastructure.Settings(work.resolve("servers"), 0, 0, 0, false))) {
            String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6) + ".";
            ProducerCeiling.Result ceiling = ceiling(servers, prefix, work, options, progress, results);
            streamStages(servers, repo, work, options, progress, results, curves);
            if (options.runs("ingest") || options.runs("tracing") || options.runs("e2e")) {
                services(repo, work, servers, prefix, ceiling, options, progress, results);
            }
        }
        if (options.runs("memory")) {
            progress.begin("(f) embedded all-in-one (./run): end to end with the same generator, memory");
            attempt("memory", progress, results, () -> AllInOne.measure(repo, work, options, progress));
        }
        context.put("load average at end", Files.readString(Path.of("/proc/loadavg")).strip());
        progress.begin("writing the report");
        Report.write(options.out(), results, curves, context);
        System.out.println();
        System.out.println(Report.markdown(results, context));
        System.out.println("written: " + options.out().resolve("results.md") + ", results.json and the charts");
    }

    private static ProducerCeiling.Result ceiling(Infrastructure servers, String prefix, Path work, BenchOptions options,
            Progress progress, List<Measurement> results) throws Exception {
        progress.begin("(a) Kafka ProducerPerformance, " + options.producerRecords() + " records of 512 B");
        ProducerCeiling.Result ceiling = ProducerCeiling.run(servers.kafkaBootstrapServers(), prefix + "ceiling",
                options.producerRecords(), -1, work);
        progress.note("%.0f records/s, p99 %.0f ms, %.1f us CPU per record".formatted(ceiling.recordsPerSecond(),
                ceiling.percentiles().get("p99"), ceiling.cpuMicrosPerRecord()));
        results.add(new Measurement("Kafka ProducerPerformance (physical limit)", ceiling.recordsPerSecond(), "events/s",
                null, null, null, true, ceiling.percentiles(), "acks=all, idempotent, lz4, linger 5 ms, batch 128 KB; "
                        + "pre-built bytes", Measurement.Cpu.of(ceiling.cpuMicrosPerRecord())));
        return ceiling;
    }

    private static void streamStages(Infrastructure servers, Path repo, Path work, BenchOptions options,
            Progress progress, List<Measurement> results, List<Curve> curves) throws Exception {
        String bootstrap = servers.kafkaBootstrapServers();
        if (options.runs("processor") || options.runs("scaling")) {
            progress.begin("(c) stream-processor vs the reference dedup topology and a pass-through, "
                    + options.streamEvents() + " events, 10% duplicates, each its own JVM");
            ProcessorPeers.Input input = ProcessorPeers.prepare(bootstrap, repo, work, (int) options.streamEvents(), 0.10, 0);
            if (options.runs("processor")) {
                attempt("processor", progress, results, () -> ProcessorStage.run(input, options.quick() ? 1 : 2, 2,
                        progress));
            }
            if (options.runs("scaling")) {
                progress.begin("(c2) processor scaling: event size, stream threads, instances");
                attempt("scaling", progress, curves, () -> ScalingStage.run(input, options, progress));
            }
        }
        if (options.runs("bloom-large")) {
            progress.begin("(c3) Bloom on vs off with " + options.bloomLargeEvents() + " retained ids");
            attempt("bloom-large", progress, results, () -> BloomStage.run(bootstrap, repo, work,
                    options.bloomLargeEvents(), progress));
        }
        if (options.runs("writer")) {
            progress.begin("(d) projection-writer vs the Debezium JDBC sink and raw binary COPY, " + options.copyRows()
                    + " rows");
            attempt("writer", progress, results, () -> WriterStage.run(servers, repo, work, (int) options.copyRows(),
                    progress));
        }
    }

    /**
     * The ingest-api alone first, like ProducerPerformance before it (nothing else consuming the broker);
     * then, on fresh topics and a fresh database, all three services for the end-to-end stages.
     */
    private static void services(Path repo, Path work, Infrastructure servers, String prefix,
            ProducerCeiling.Result ceiling, BenchOptions options, Progress progress, List<Measurement> results)
            throws Exception {
        String apiKey = "ep_bench_" + UUID.randomUUID();
        Map<String, Double> peakRss = new LinkedHashMap<>();
        if (options.runs("ingest")) {
            progress.begin("starting the ingest-api as its own JVM");
            String database = servers.freshDatabase("bench");
            TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 6, (short) 1);
            try (Services services = Services.start(repo, environment(servers, database, prefix, apiKey),
                    serviceJvmOptions(), work, List.of("ingest-api"))) {
                attempt("ingest", progress, results, () -> IngestStage.run(services,
                        new Generator(services.ingest(), apiKey, work, true), ceiling, options, progress));
                services.peakRssMib().forEach((name, mib) -> peakRss.merge(name, mib, Math::max));
            }
        }
        if (options.runs("tracing")) {
            attempt("tracing", progress, results, () -> TracingStage.run(repo, work, servers, prefix, apiKey, options, progress));
        }
        if (options.runs("e2e")) {
            progress.begin("starting the three services as separate JVMs, on fresh topics and a fresh database");
            attempt("e2e", progress, results, () -> EndToEndStage.run(repo, work, servers, prefix, apiKey, options,
                    progress, peakRss));
        }
        peakRss.forEach((name, mib) -> results.add(new Measurement("peak RSS: " + name, mib, "MiB",
                null, null, 384.0, false, null, "JVM options " + String.join(" ", serviceJvmOptions()))));
    }

    /** Runs a stage; a stage that fails is reported (progress line, its logs in the work directory), the rest run on. */
    private static <T> void attempt(String stage, Progress progress, List<T> into, Callable<List<T>> run) {
        try {
            into.addAll(run.call());
            checkpoint.save();
        } catch (Exception e) {
            progress.note("stage " + stage + " FAILED, the run goes on: " + e);
        }
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

    /** The services' JVM options; {@code -Dbench.serviceJvmOptions="..."} adds more, e.g. a JFR recording. */
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

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
