package io.eventpipeline.processor.bench;

import io.eventpipeline.processor.ProcessorInstance;
import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.config.StreamsSettings;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Events/s of the stream-processor, Bloom filter on and off, next to a pass-through exactly_once_v2
 * topology (bytes in, bytes out, nothing else) over the same records on the same broker, in one run.
 * Each variant reads the whole input with its own application id; the clock runs from the client's
 * first RUNNING state until its committed offsets reach the end of the input.
 *
 * <p>{@code main} prints the table; {@link #run} returns it for the bench module. Arguments (all
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

    /** The run: every measurement, and the medians per variant with the ratios the issue targets. */
    public record Result(long events, double duplicateShare, int partitions, List<Measurement> measurements,
            double passThroughPerSecond, double bloomOnPerSecond, double bloomOffPerSecond) {

        public double bloomOnVsPassThrough() {
            return bloomOnPerSecond / passThroughPerSecond;
        }

        public double bloomOffVsPassThrough() {
            return bloomOffPerSecond / passThroughPerSecond;
        }

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
                .orElseGet(() -> TestServers.shared().kafkaBootstrapServers());
        Result result = run(bootstrap, events, duplicates, rounds, commitInterval, threads);
        System.out.printf("%nstream-processor benchmark: %,d events, %.0f%% duplicates, %d partitions, %d stream "
                + "thread(s), commit interval %s%n", result.events(), result.duplicateShare() * 100,
                result.partitions(), threads, commitInterval);
        for (Measurement m : result.measurements()) {
            System.out.printf("  round %d %-13s %6.1f s %,10.0f events/s  cpu/event: process %5.1f us, stream "
                    + "threads %5.1f us%n", m.round(), m.variant(), m.seconds(), m.eventsPerSecond(),
                    m.processCpuMicrosPerEvent(), m.streamThreadCpuMicrosPerEvent());
        }
        System.out.printf("  median pass-through %,.0f/s, bloom-on %,.0f/s, bloom-off %,.0f/s%n",
                result.passThroughPerSecond(), result.bloomOnPerSecond(), result.bloomOffPerSecond());
        System.out.printf("  bloom-on / pass-through = %.2f (target >= 0.90)%n", result.bloomOnVsPassThrough());
        System.out.printf("  bloom-off / pass-through = %.2f%n", result.bloomOffVsPassThrough());
        System.out.printf("  bloom-on / bloom-off = %.2f (target >= 1.15 to keep Bloom as default)%n",
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
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(passThroughOut, PARTITIONS, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        produce(bootstrap, prefix, events, duplicateShare);
        long onTopic = endOffsets(bootstrap, Topics.EVENTS_RAW.prefixed(prefix).name());
        if (onTopic != events) {
            throw new IllegalStateException("expected " + events + " records on the input topic, found " + onTopic);
        }
        Path stateRoot = Files.createTempDirectory("processor-bench-");
        List<Measurement> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ProcessorConfig base = ProcessorConfig.defaults(bootstrap, prefix, stateRoot.resolve("r" + round))
                    .withCommitInterval(commitInterval).withStreamThreads(streamThreads);
            if (variants.contains("pass-through")) {
                all.add(measure("pass-through", round, events, bootstrap, prefix,
                        base.withApplicationId("passthrough-" + round), config -> passThrough(config, passThroughOut)));
            }
            // alternate the order, so JIT warm-up and background noise do not always favour the same variant
            for (boolean bloom : round % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                String variant = bloom ? "bloom-on" : "bloom-off";
                if (!variants.contains(variant)) {
                    continue;
                }
                all.add(measure(variant, round, events, bootstrap, prefix, base.withApplicationId(variant + "-" + round)
                        .withBloom(BloomSettings.DEFAULTS.withEnabled(bloom)), ProcessorBenchmark::processor));
            }
        }
        return new Result(events, duplicateShare, PARTITIONS, all, median(all, "pass-through"), median(all, "bloom-on"),
                median(all, "bloom-off"));
    }

    private static KafkaStreams processor(ProcessorConfig config) {
        return ProcessorInstance.create(config, new ProcessorMetrics(new SimpleMeterRegistry()));
    }

    private static KafkaStreams passThrough(ProcessorConfig config, String outputTopic) {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.EVENTS_RAW.prefixed(config.topicPrefix()).name());
        topology.addSink("out", outputTopic, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "in");
        Properties props = StreamsSettings.of(config);
        return new KafkaStreams(topology, props);
    }

    private static Measurement measure(String variant, int round, long events, String bootstrap, String prefix,
            ProcessorConfig config, java.util.function.Function<ProcessorConfig, KafkaStreams> factory)
            throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        KafkaStreams streams = factory.apply(config);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        try {
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(variant + " never reached RUNNING");
            }
            long started = System.nanoTime();
            long processCpuAtStart = processCpuNanos();
            long streamCpuAtStart = streamThreadCpuNanos(config.effectiveApplicationId());
            String group = config.effectiveApplicationId();
            String input = Topics.EVENTS_RAW.prefixed(prefix).name();
            try (Admin admin = admin(bootstrap)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (committed(admin, group, input) < events) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(variant + " did not finish within 10 minutes");
                    }
                    Thread.sleep(100);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double processCpu = (processCpuNanos() - processCpuAtStart) / 1e3 / events;
            double streamCpu = (streamThreadCpuNanos(config.effectiveApplicationId()) - streamCpuAtStart) / 1e3 / events;
            Measurement m = new Measurement(variant, round, events, seconds, events / seconds, processCpu, streamCpu);
            System.out.printf("  %s: %,.0f events/s, cpu/event %.1f us (stream threads %.1f us)%n", variant,
                    m.eventsPerSecond(), processCpu, streamCpu);
            return m;
        } finally {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long streamThreadCpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(applicationId + "-") && t.getName().contains("-StreamThread-")
                        && !t.getName().endsWith("-producer"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.threadId())))
                .sum();
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static void produce(String bootstrap, String prefix, int events, double duplicateShare) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String topic = Topics.EVENTS_RAW.prefixed(prefix).name();
        Random random = new Random(7);
        List<EventEnvelope> sent = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        long started = System.nanoTime();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                EventEnvelope e;
                if (!sent.isEmpty() && random.nextDouble() < duplicateShare) {
                    e = sent.get(random.nextInt(sent.size()));
                } else {
                    e = TestEvents.envelope(TestEvents.idOf(2, i), "agg-" + random.nextInt(10_000));
                    sent.add(e);
                }
                producer.send(new ProducerRecord<>(topic, e.key(), TestEvents.bytes(e)), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the input failed", failed.get());
        }
        System.out.printf("  produced %,d events (%,d distinct) in %.1f s%n", events, sent.size(),
                (System.nanoTime() - started) / 1e9);
    }

    private static long endOffsets(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    private static double median(List<Measurement> all, String variant) {
        double[] values = all.stream().filter(m -> m.variant().equals(variant))
                .mapToDouble(Measurement::eventsPerSecond).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
