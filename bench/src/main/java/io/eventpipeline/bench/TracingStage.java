package io.eventpipeline.bench;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (b') What tracing costs the ingest-api (issue 13 item 3): the ingest stage's single and batch POST phases,
 * each on a fresh ingest-api JVM, with tracing off ({@code TRACING_ENABLED=false}), on with the default sampling
 * (0.1 of new traces recorded, every request still gets a trace id and every record a traceparent) and on with
 * every trace recorded (1.0). No OTLP endpoint is set: recorded spans are built, queued and dropped, so export's
 * network cost is not part of the figure. Not in the default run: {@code --only tracing}.
 */
final class TracingStage {

    private record Variant(String name, Map<String, String> env) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("off", Map.of("TRACING_ENABLED", "false")),
            new Variant("on, sampling 0.1", Map.of("TRACING_ENABLED", "true", "TRACING_SAMPLING_PROBABILITY", "0.1")),
            new Variant("on, sampling 1.0", Map.of("TRACING_ENABLED", "true", "TRACING_SAMPLING_PROBABILITY", "1.0")));

    static final int STEPS = VARIANTS.size();

    private TracingStage() {
    }

    static List<Measurement> run(Path repo, Path work, Infrastructure servers, String prefix, String apiKey,
            BenchOptions options, Progress progress) throws Exception {
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 6, (short) 1);
        Map<String, String> env = BenchMain.environment(servers, servers.freshDatabase("bench_tracing"), prefix, apiKey);
        List<Measurement> out = new ArrayList<>();
        for (Variant variant : VARIANTS) {
            progress.begin("(b') ingest-api with tracing " + variant.name() + ": single POSTs (" + options.concurrency()
                    + " connections) and batch POSTs (100 events, " + options.batchConcurrency() + " connections)");
            Map<String, String> own = new LinkedHashMap<>(env);
            own.putAll(variant.env());
            try (Services services = Services.start(repo, own, BenchMain.serviceJvmOptions(), work, List.of("ingest-api"))) {
                out.addAll(measure(variant, services, new Generator(services.ingest(), apiKey, work, true), options,
                        progress));
            }
        }
        return out;
    }

    private static List<Measurement> measure(Variant variant, Services services, Generator load, BenchOptions options,
            Progress progress) throws Exception {
        Duration warmUp = options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        load.closedLoop(1, options.concurrency(), warmUp, 0.1);
        load.closedLoop(100, options.batchConcurrency(), warmUp, 0.1);
        IngestStage.Phase single = IngestStage.measured(services, load, 1, options.concurrency(), options, progress);
        IngestStage.Phase batch = IngestStage.measured(services, load, 100, options.batchConcurrency(), options, progress);
        String note = "ingest-api process CPU / events answered; %.0f single, %.0f batched events/s"
                .formatted(single.load().eventsPerSecond(), batch.load().eventsPerSecond());
        return List.of(
                new Measurement("tracing " + variant.name() + ": CPU per single POST", single.serviceMicros(), "us",
                        null, null, null, false, null, note),
                new Measurement("tracing " + variant.name() + ": CPU per batched event", batch.serviceMicros(), "us",
                        null, null, null, false, null, note));
    }
}
