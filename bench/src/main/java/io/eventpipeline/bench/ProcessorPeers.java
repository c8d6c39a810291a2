package io.eventpipeline.bench;

import io.eventpipeline.bench.processor.BenchInput;
import io.eventpipeline.bench.processor.PeerTopology;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The stream-processor and its peers over the same {@code events.raw} records, each as its own JVM with the same
 * JVM options, exactly-once settings, partitions and stream threads: the processor as shipped (its executable jar,
 * Bloom filter on or off), the reference dedup topology and a pass-through (both {@link PeerTopology}).
 * Rates and CPU are measured by {@link Drain} from the committed offsets of each application's group.
 */
final class ProcessorPeers {

    static final int PARTITIONS = 6;

    /** One input: a topic prefix whose {@code events.raw} holds {@code events} records. */
    record Input(String bootstrap, String prefix, long events, Path repo, Path work) {

        String rawTopic() {
            return Topics.EVENTS_RAW.prefixed(prefix).name();
        }
    }

    /** A measured run, with the CPU its stream threads used per event (from jcmd). */
    record Run(Drain.Result drain, double streamThreadMicros) {
    }

    private ProcessorPeers() {
    }

    static Input prepare(String bootstrap, Path repo, Path work, int events, double duplicateShare, int eventBytes)
            throws Exception {
        String prefix = "bench-p" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TopicProvisioner.ensureTopics(bootstrap, prefix, PARTITIONS, (short) 1);
        try (Admin admin = BenchInput.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(prefix + "peer.out", PARTITIONS, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        BenchInput.produce(bootstrap, prefix, events, duplicateShare, eventBytes);
        return new Input(bootstrap, prefix, events, repo, work);
    }

    /**
     * Runs {@code variant} ({@code processor}, {@code processor-bloom}, {@code reference-dedup},
     * {@code pass-through}) over the whole input with its own application id, in {@code instances} JVMs.
     */
    static Run run(Input input, String variant, int threads, int instances, Map<String, String> extraEnv)
            throws Exception {
        String appId = variant + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<ChildJvm> jvms = new ArrayList<>();
        try (GroupProgress progress = new GroupProgress(BenchInput.admin(input.bootstrap()), input.prefix() + appId,
                input.rawTopic(), input.events())) {
            for (int i = 0; i < instances; i++) {
                jvms.add(start(input, variant, appId, i, threads, extraEnv));
            }
            Drain.Result drain = Drain.measure(variant, jvms, progress, input.events(), () -> Double.NaN,
                    Drain.timeout(input.events()));
            double threadSeconds = jvms.stream().mapToDouble(j -> ThreadCpu.streamThreadSeconds(j.pid())).sum();
            return new Run(drain, threadSeconds * 1e6 / input.events());
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }

    private static ChildJvm start(Input input, String variant, String appId, int instance, int threads,
            Map<String, String> extraEnv) throws Exception {
        Path state = input.work().resolve("state").resolve(appId + "-" + instance);
        String name = appId + "-" + instance;
        if (variant.startsWith("processor")) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", input.bootstrap());
            env.put("TOPIC_PREFIX", input.prefix());
            env.put("PROCESSOR_APPLICATION_ID", appId);
            env.put("STREAMS_STATE_DIR", state.toString());
            env.put("STREAM_THREADS", String.valueOf(threads));
            env.put("BLOOM_ENABLED", String.valueOf(variant.equals("processor-bloom")));
            env.put("HTTP_PORT", String.valueOf(BenchMain.freePort()));
            env.put("COMMIT_INTERVAL", "PT0.1S");
            env.putAll(extraEnv);
            Path jar = input.repo().resolve("stream-processor/target/stream-processor-0.1.0-SNAPSHOT-exec.jar");
            return ChildJvm.start(name, BenchMain.serviceJvmOptions(), List.of("-jar", jar.toString()), env, input.work());
        }
        List<String> main = List.of("-cp", System.getProperty("java.class.path"), PeerTopology.class.getName(), variant,
                input.bootstrap(), input.rawTopic(), input.prefix() + "peer.out", input.prefix() + appId,
                state.toString(), String.valueOf(threads), "PT0.1S");
        List<String> jvm = new ArrayList<>(BenchMain.serviceJvmOptions());
        jvm.add("-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""));
        return ChildJvm.start(name, jvm, main, Map.of(), input.work());
    }

    static String describe(Run r) {
        return Drain.describe(r.drain()) + ", stream threads %.1f us".formatted(r.streamThreadMicros());
    }
}
