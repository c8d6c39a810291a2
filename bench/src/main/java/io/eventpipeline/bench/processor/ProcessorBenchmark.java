package io.eventpipeline.bench.processor;

import io.eventpipeline.bench.support.LocalServers;
import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.config.BoundedThreadReplacement;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.config.StreamsSettings;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.processor.topology.EventPipelineTopology;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Events/s of the stream-processor, Bloom filter on and off, next to a pass-through exactly_once_v2
 * topology (bytes in, bytes out, nothing else) over the same records on the same broker, in one run.
 * Each variant reads the whole input with its own application id; the clock runs from the client's
 * first RUNNING state until its committed offsets reach the end of the input.
 *
 * <p>{@code main} prints the table; {@link #run} returns it for {@code ./benchmark}. Arguments (all
 * optional): events (default 1,000,000), duplicate share (0.10), rounds (1), commit interval (PT0.1S, the
 * exactly-once default), stream threads (the processor's default, {@code STREAM_THREADS}); commit interval and
 * threads apply to every variant, the pass-through too. Uses {@code KAFKA_BOOTSTRAP_SERVERS} when set, else an
 * embedded broker.
 */
public final class ProcessorBenchmark {

    /**
     * One measured variant. Besides the rate, the CPU it cost per event: of the whole process (stream
     * threads, producers and the embedded broker) and of the stream threads alone. CPU per event moves
     * far less than the rate when other work shares the machine, so it tells whether a change saved work.
     */
    public record Measurement(String variant, int round, long events, double seconds, double eventsPerSecond,
            double processCpuMicrosPerEvent, double streamThreadCpuMicrosPerEvent) {
    }

    /** The run: every measurement, and the medians per variant. */
    public record Result(long events, double duplicateShare, int partitions, List<Measurement> measurements,
            double passThroughPerSecond, double bloomOnPerSecond, double bloomOffPerSecond) {

        public double bloomOnVsBloomOff() {
            return bloomOnPerSecond / bloomOffPerSecond;
        }
    }

    private static final int PARTITIONS = 6;

    private ProcessorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double duplicates = args.length > 1 ? Double.parseDouble(args[1]) : 0.10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Duration commitInterval = args.length > 3 ? Duration.parse(args[3]) : Duration.ofMillis(100);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : ProcessorConfig.DEFAULT_STREAM_THREADS;
        String bootstrap = Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                .orElseGet(() -> LocalServers.start().kafkaBootstrapServers());
        Result result = run(bootstrap, events, duplicates, rounds, commitInterval, threads);
        System.out.printf("%nstream-processor benchmark: %,d events, %.0f%% duplicates, %d partitions, %d stream "
                + "thread(s), commit interval %s%n", result.events(), result.duplicateShare() * 100,
                result.partitions(), threads, commitInterval);
        for (Measurement m : result.measurements()) {
            System.out.printf("  round %d %-13s %6.1f s %,10.0f events/s  cpu/event: process %5.1f us, stream "
                    + "threads %5.1f us%n", m.round(), m.variant(), m.seconds(), m.eventsPerSecond(),
                    m.processCpuMicrosPerEvent(), m.streamThreadCpuMicrosPerEvent());
        }
        System.out.printf("  median pass-through %,.0f/s, bloom-on %,.0f/s, bloom-off %,.0f/s, on/off %.2f%n",
                result.passThroughPerSecond(), result.bloomOnPerSecond(), result.bloomOffPerSecond(),
                result.bloomOnVsBloomOff());
        System.exit(0);
    }

    /** The run with the processor's default number of stream threads for every variant. */
    public static Result run(String bootstrap, int events, double duplicateShare, int rounds, Duration commitInterval)
            throws Exception {
        return run(bootstrap, events, duplicateShare, rounds, commitInterval, ProcessorConfig.DEFAULT_STREAM_THREADS);
    }

    /**
     * As above, with {@code streamThreads} for every variant. The system property {@code bench.variants}
     * (comma-separated: pass-through, bloom-on, bloom-off) limits the run to some variants, e.g. for a profile.
     */
    public static Result run(String bootstrap, int events, double duplicateShare, int rounds, Duration commitInterval,
            int streamThreads) throws Exception {
        List<String> variants = List.of(System.getProperty("bench.variants", "pass-through,bloom-on,bloom-off")
                .split(","));
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TopicProvisioner.ensureTopics(bootstrap, prefix, PARTITIONS, (short) 1);
        String passThroughOut = prefix + "passthrough.out";
        try (Admin admin = BenchInput.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(passThroughOut, PARTITIONS, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        BenchInput.produce(bootstrap, prefix, events, duplicateShare);
        long onTopic = BenchInput.endOffsets(bootstrap, Topics.EVENTS_RAW.prefixed(prefix).name(), PARTITIONS);
        if (onTopic < events) {
            throw new IllegalStateException("expected at least " + events + " records on the input topic, found " + onTopic);
        }
        Path stateRoot = Files.createTempDirectory("processor-bench-");
        List<Measurement> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ProcessorConfig base = ProcessorConfig.defaults(bootstrap, prefix, stateRoot.resolve("r" + round))
                    .withCommitInterval(commitInterval).withStreamThreads(streamThreads)
                    .withShards(Integer.getInteger("bench.shards", ProcessorConfig.DEFAULT_SHARDS));
            if (variants.contains("pass-through")) {
                ProcessorConfig config = base.withApplicationId("passthrough-" + round);
                all.add(StreamsRun.measure("pass-through", round, events, bootstrap, prefix,
                        config.effectiveApplicationId(), passThrough(config, passThroughOut)));
            }
            // alternate the order, so JIT warm-up and background noise do not always favour the same variant
            for (boolean bloom : round % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                String variant = bloom ? "bloom-on" : "bloom-off";
                if (variants.contains(variant)) {
                    ProcessorConfig config = base.withApplicationId(variant + "-" + round)
                            .withBloom(BloomSettings.DEFAULTS.withEnabled(bloom));
                    all.add(StreamsRun.measure(variant, round, events, bootstrap, prefix,
                            config.effectiveApplicationId(), processor(config)));
                }
            }
        }
        return new Result(events, duplicateShare, PARTITIONS, all, median(all, "pass-through"), median(all, "bloom-on"),
                median(all, "bloom-off"));
    }

    /** The processor's topology and settings, without Spring, as the service's runner builds it. */
    private static KafkaStreams processor(ProcessorConfig config) {
        KafkaStreams streams = new KafkaStreams(EventPipelineTopology.build(config,
                new ProcessorMetrics(new SimpleMeterRegistry())), StreamsSettings.of(config));
        streams.setUncaughtExceptionHandler(new BoundedThreadReplacement(config.maxThreadReplacements(),
                config.threadReplacementWindow(), Clock.systemUTC()));
        return streams;
    }

    private static KafkaStreams passThrough(ProcessorConfig config, String outputTopic) {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.EVENTS_RAW.prefixed(config.topicPrefix()).name());
        topology.addSink("out", outputTopic, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "in");
        return new KafkaStreams(topology, StreamsSettings.of(config));
    }

    private static double median(List<Measurement> all, String variant) {
        double[] values = all.stream().filter(m -> m.variant().equals(variant))
                .mapToDouble(Measurement::eventsPerSecond).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }
}
