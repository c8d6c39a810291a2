package io.eventpipeline.bench;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (b') What tracing costs the ingest-api (issue 13 item 3): the ingest stage's single and batch POST phases on three
 * ingest-api JVMs started side by side, tracing off ({@code TRACING_ENABLED=false}), on with the default sampling
 * (0.1 of new traces recorded; every request still gets a trace id, every record a traceparent) and on with every
 * trace recorded (1.0). The variants take turns, round after round, so a change in the machine's load hits all
 * three alike; each figure is the variant's CPU over all its rounds divided by the events it answered. No OTLP
 * endpoint is set: recorded spans are built, queued and dropped, export's network cost is not in the figure.
 * Not in the default run: {@code --only tracing}.
 */
final class TracingStage {

    private record Variant(String name, Map<String, String> env) {
    }

    /** CPU seconds and answered events of one variant on one route, summed over the rounds. */
    private static final class Total {
        double cpuSeconds;
        long events;
        final List<String> rounds = new ArrayList<>();

        void add(IngestStage.Phase phase) {
            long answered = phase.load().answeredEvents();
            cpuSeconds += phase.serviceMicros() * answered / 1e6;
            events += answered;
            rounds.add("%.0f".formatted(phase.serviceMicros()));
        }

        double micros() {
            return cpuSeconds * 1e6 / Math.max(1, events);
        }
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("off", Map.of("TRACING_ENABLED", "false")),
            new Variant("on, sampling 0.1", Map.of("TRACING_ENABLED", "true", "TRACING_SAMPLING_PROBABILITY", "0.1")),
            new Variant("on, sampling 1.0", Map.of("TRACING_ENABLED", "true", "TRACING_SAMPLING_PROBABILITY", "1.0")));

    private TracingStage() {
    }

    /** Progress steps: the start, then one per round. */
    static int steps(boolean quick) {
        return 1 + rounds(quick);
    }

    private static int rounds(boolean quick) {
        return quick ? 1 : 3;
    }

    static List<Measurement> run(Path repo, Path work, Infrastructure servers, String prefix, String apiKey,
            BenchOptions options, Progress progress) throws Exception {
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 6, (short) 1);
        Map<String, String> env = BenchMain.environment(servers, servers.freshDatabase("bench_tracing"), prefix, apiKey);
        progress.begin("(b') starting three ingest-api JVMs: tracing " + VARIANTS.stream().map(Variant::name).toList());
        Map<Variant, Services> started = new LinkedHashMap<>();
        try {
            for (Variant variant : VARIANTS) {
                Map<String, String> own = new LinkedHashMap<>(env);
                own.putAll(variant.env());
                Path dir = work.resolve("tracing-" + started.size());
                started.put(variant, Services.start(repo, own, BenchMain.serviceJvmOptions(), dir, List.of("ingest-api")));
            }
            return measure(started, work, apiKey, options, progress);
        } finally {
            for (Services services : started.values()) {
                services.close();
            }
        }
    }

    private static List<Measurement> measure(Map<Variant, Services> started, Path work, String apiKey, BenchOptions options,
            Progress progress) throws Exception {
        Duration warmUp = options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        Map<Variant, Generator> loads = new LinkedHashMap<>();
        Map<Variant, Total[]> totals = new LinkedHashMap<>();
        for (var entry : started.entrySet()) {
            Generator load = new Generator(entry.getValue().ingest(), apiKey, work, true);
            load.closedLoop(1, options.concurrency(), warmUp, 0.1);
            load.closedLoop(100, options.batchConcurrency(), warmUp, 0.1);
            loads.put(entry.getKey(), load);
            totals.put(entry.getKey(), new Total[] {new Total(), new Total()});
        }
        for (int round = 1; round <= rounds(options.quick()); round++) {
            progress.begin("(b') round " + round + ": single then batch POSTs, each variant in turn");
            for (Variant variant : VARIANTS) {
                Services services = started.get(variant);
                totals.get(variant)[0].add(IngestStage.measured(services, loads.get(variant), 1, options.concurrency(),
                        options, progress));
                totals.get(variant)[1].add(IngestStage.measured(services, loads.get(variant), 100,
                        options.batchConcurrency(), options, progress));
            }
        }
        return report(totals);
    }

    private static List<Measurement> report(Map<Variant, Total[]> totals) {
        List<Measurement> out = new ArrayList<>();
        double offSingle = totals.get(VARIANTS.getFirst())[0].micros();
        double offBatch = totals.get(VARIANTS.getFirst())[1].micros();
        totals.forEach((variant, t) -> {
            out.add(figure("tracing " + variant.name() + ": CPU per single POST", t[0], offSingle));
            out.add(figure("tracing " + variant.name() + ": CPU per batched event", t[1], offBatch));
        });
        return out;
    }

    private static Measurement figure(String stage, Total total, double off) {
        String note = String.format(Locale.ROOT, "ingest-api CPU / events answered over %d rounds (per round: %s us); "
                + "%+.0f%% against tracing off", total.rounds.size(), String.join(", ", total.rounds),
                (total.micros() / off - 1) * 100);
        return new Measurement(stage, total.micros(), "us", null, null, null, false, null, note);
    }
}
