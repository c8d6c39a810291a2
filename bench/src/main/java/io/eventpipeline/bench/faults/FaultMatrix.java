package io.eventpipeline.bench.faults;

import io.eventpipeline.bench.Services;
import io.eventpipeline.schemas.TopicProvisioner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The fault run: Kafka, PostgreSQL, Redis and the three services as separate processes, steady HTTP load
 * with retrying producers and canaries, each fault in turn (the harness waits until a canary sent after
 * the fault is visible), then a drain and the {@link InvariantChecker} over Kafka and PostgreSQL.
 */
final class FaultMatrix {

    static final String BASELINE = "baseline (no fault)";
    private static final List<String> SERVICE_JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k");

    /** The verdict per phase, the load generator's log, and where the servers' and services' logs are. */
    record Run(Map<String, PhaseResult> phases, List<LoadRequest> requests, Path workDir) {
    }

    private final FaultOptions options;
    private final Consumer<String> progress;

    FaultMatrix(FaultOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    Run run(Path repo, Path workDir) throws Exception {
        PortRange ports = PortRange.fromEnvironment();
        progress.accept("starting Kafka, PostgreSQL and Redis as separate processes in " + workDir);
        try (Cluster cluster = Cluster.start(workDir, ports)) {
            TopicProvisioner.ensureTopics(cluster.bootstrapServers(), "", 6, (short) 1);
            String apiKey = "ep_faults_" + UUID.randomUUID();
            progress.accept("starting projection-writer, stream-processor and ingest-api as separate JVMs");
            try (Services services = Services.start(repo, environment(cluster, apiKey), SERVICE_JVM, workDir,
                    Services.NAMES, ports::next);
                    ProducerClient client = new ProducerClient(services.ingest(), apiKey, Duration.ofMinutes(10))) {
                SteadyLoad load = new SteadyLoad(client, options.requestsPerSecond(), options.aggregates());
                try (load) {
                    return new Run(underLoad(cluster, services, load), load.requests(), workDir);
                }
            }
        }
    }

    private Map<String, PhaseResult> underLoad(Cluster cluster, Services services, SteadyLoad load) throws Exception {
        load.phase(BASELINE);
        load.start(options.workers());
        Canaries canaries = new Canaries(load, cluster.bootstrapServers(), Duration.ofMillis(500));
        progress.accept("steady load: %.0f requests/s from %d producer workers, canary every 500 ms; baseline %d s"
                .formatted(options.requestsPerSecond(), options.workers(), options.baseline().toSeconds()));
        Thread.sleep(options.baseline().toMillis());
        Map<String, Struck> struck = injectEach(new Fault.Context(cluster, services, load), canaries);
        canaries.stopSending();
        progress.accept("stopping the load; waiting for retried requests to be answered");
        load.stopAndAwait(Duration.ofMinutes(11));
        drain(cluster, load.requests());
        canaries.close();
        progress.accept("checking invariants from Kafka and PostgreSQL");
        try (Connection db = cluster.connect()) {
            Observed observed = Observed.read(cluster.bootstrapServers(), db);
            List<String> phaseNames = new ArrayList<>(List.of(BASELINE));
            phaseNames.addAll(struck.keySet());
            Map<String, PhaseResult> phases = new InvariantChecker(observed, phaseNames).check(load.requests());
            annotate(phases, struck, canaries, load.requests(), observed);
            return phases;
        }
    }

    /** A fault as it struck: when and with what evidence, and when a canary sent after it was visible. */
    private record Struck(Fault.Injection injection, OptionalLong recovery) {
    }

    private Map<String, Struck> injectEach(Fault.Context context, Canaries canaries) throws InterruptedException {
        Map<String, Struck> struck = new LinkedHashMap<>();
        for (Fault fault : options.selected()) {
            context.load().phase(fault.name());
            progress.accept("fault: " + fault.name());
            Fault.Injection injection = injectSafely(fault, context);
            OptionalLong recovery = canaries.awaitRecovery(injection.atMillis(), options.recoveryTimeout());
            progress.accept("  " + injection.evidence());
            progress.accept(recovery.isPresent() ? "  delivering again %.1f s after the fault".formatted(recovery.getAsLong() / 1e3)
                    : "  NOT delivering " + options.recoveryTimeout().toSeconds() + " s after the fault");
            struck.put(fault.name(), new Struck(injection, recovery));
            Thread.sleep(options.settle().toMillis());
        }
        return struck;
    }

    /** A fault whose injection failed (say, a restarted service never became healthy) is reported, not fatal. */
    private static Fault.Injection injectSafely(Fault fault, Fault.Context context) throws InterruptedException {
        long before = System.currentTimeMillis();
        try {
            return fault.inject(context);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new Fault.Injection(before, "INJECTION FAILED: " + e.getMessage());
        }
    }

    private static void annotate(Map<String, PhaseResult> phases, Map<String, Struck> struck, Canaries canaries,
            List<LoadRequest> requests, Observed observed) {
        phases.get(BASELINE).recoveryMillis = 0L;
        struck.forEach((name, s) -> {
            PhaseResult phase = phases.get(name);
            phase.evidence = s.injection().evidence();
            if (name.startsWith("ingest-api kill")) {
                phase.evidence += "; " + InvariantChecker.windowEvidence(requests, observed, s.injection().atMillis());
            }
            phase.recoveryMillis = s.recovery().isPresent() ? s.recovery().getAsLong() : null;
        });
        for (LoadRequest canary : canaries.canaries()) {
            PhaseResult phase = phases.get(canary.phase);
            if (phase == null) {
                continue;
            }
            OptionalLong delay = canaries.delayOf(canary);
            if (delay.isEmpty() && canary.outcome() == LoadRequest.Outcome.ACCEPTED) {
                phase.violation("canary " + canary.aggregates.getFirst() + " accepted but never visible");
            } else if (delay.isPresent()) {
                phase.maxDelayMillis = Math.max(phase.maxDelayMillis == null ? 0 : phase.maxDelayMillis, delay.getAsLong());
            }
        }
    }

    /** Waits until every event that must be stored is in PostgreSQL, or nothing was added for 30 s. */
    private void drain(Cluster cluster, List<LoadRequest> requests) throws Exception {
        long expected = requests.stream().filter(r -> r.outcome() == LoadRequest.Outcome.ACCEPTED && r.mustBeStored())
                .mapToLong(r -> r.eventIds().size()).sum();
        long started = System.currentTimeMillis();
        long lastGrowth = started;
        long rows = -1;
        while (System.currentTimeMillis() - lastGrowth < 30_000) {
            long now = distinctRows(cluster);
            if (now >= expected) {
                break;
            }
            if (now > rows) {
                rows = now;
                lastGrowth = System.currentTimeMillis();
            }
            Thread.sleep(500);
        }
        // The writer's outbox sweep (INVALIDATION_SWEEP_INTERVAL, 10 s) publishes what a crash left unpublished.
        Thread.sleep(12_000);
        progress.accept("drained in %d s (%d events must be stored)".formatted((System.currentTimeMillis() - started) / 1000, expected));
    }

    private static long distinctRows(Cluster cluster) throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(DISTINCT event_id) FROM events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static Map<String, String> environment(Cluster cluster, String apiKey) {
        Map<String, String> env = new LinkedHashMap<>(cluster.environment());
        env.put("INGEST_BOOTSTRAP_API_KEY", apiKey);
        env.put("INGEST_BOOTSTRAP_PRODUCER", "faults");
        // One producer sends all the load: its per-producer rate limit must not be what is measured.
        env.put("RATE_LIMIT_PER_SECOND", "1000000");
        env.put("RATE_LIMIT_BURST", "1000000");
        return env;
    }
}
