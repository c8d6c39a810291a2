package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.testsupport.Await;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two processor instances share the work on a real broker; one is killed with SIGKILL mid-stream (no
 * close, no commit, no leaving the group) and restarted on its old state directory. events.log, read
 * as downstream consumers read it (read_committed), must hold every eventId exactly once, with
 * versions 1, 2, 3 … per aggregate.
 */
class ExactlyOnceAcrossCrashIT {

    private static final int TOTAL = 100_000;
    private static final double DUPLICATE_SHARE = 0.20;
    private static final int AGGREGATES = 2_000;
    private static final String PREFIX = "crash-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final String APP_ID = "crash-it";
    /**
     * How many distinct events the producer may be ahead of events.log: it is paced by the processor's progress, not
     * by a fixed rate, so on a loaded machine it cannot finish before the kill and the restart (the kill must land
     * mid-stream), and on a fast one it still keeps events in flight across both.
     */
    private static final int MAX_AHEAD = 4_000;
    private static final Duration MAX_WAIT_FOR_PROGRESS = Duration.ofMinutes(2);
    /** The machine is shared and slow at times: a wait fails when events.log stops advancing, not after a fixed time. */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(90);
    /** The riskier path: a filter lost with the killed process must be rebuilt from the restored store. */
    private static final BloomSettings BLOOM_ON = BloomSettings.DEFAULTS.withEnabled(true);

    private final String bootstrap = TestServers.shared().kafkaBootstrapServers();
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private ProcessorClient survivor;

    @AfterEach
    void tearDown() {
        children.forEach(Process::destroyForcibly);
        if (survivor != null) {
            survivor.close(Duration.ofSeconds(20));
        }
    }

    @Test
    void shouldWriteEveryEventIdExactlyOnceWithGaplessVersionsWhenAnInstanceIsKilledMidStream() throws Exception {
        TopicProvisioner.ensureTopics(bootstrap, PREFIX, 6, (short) 1);
        Path work = Files.createDirectories(Path.of("target", "crash-it-" + System.nanoTime()));
        List<EventEnvelope> plan = plan(new Random(42));
        Set<UUID> uniqueIds = plan.stream().map(EventEnvelope::eventId).collect(Collectors.toSet());
        OutputCollector output = new OutputCollector(bootstrap, Topics.EVENTS_LOG.prefixed(PREFIX).name());

        survivor = ProcessorInstance.create(ProcessorConfig.defaults(bootstrap, PREFIX, work.resolve("state-a"))
                .withApplicationId(APP_ID).withBloom(BLOOM_ON), new ProcessorMetrics(new SimpleMeterRegistry()));
        survivor.start();
        Process victim = startChild(work.resolve("state-b"), work.resolve("victim.log"));
        Await.until(Duration.ofSeconds(90), "both instances own partitions", () -> membersWithPartitions() == 2);

        Thread producer = Thread.ofPlatform().name("crash-it-producer").start(() -> produce(plan, output));
        awaitOutput(output, "a third of the events is on events.log", uniqueIds.size() / 3);
        assertThat(producer.isAlive()).as("still producing when the instance is killed").isTrue();
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        awaitOutput(output, "half of the events is on events.log, after the kill", uniqueIds.size() / 2);
        assertThat(producer.isAlive()).as("still producing when the instance restarts").isTrue();
        startChild(work.resolve("state-b"), work.resolve("restarted.log"));
        awaitOutput(output, "every event is on events.log", uniqueIds.size());
        producer.join(TimeUnit.MINUTES.toMillis(1));

        Await.until(Duration.ofMinutes(3), "every produced record is processed and committed",
                this::inputFullyCommitted);
        Await.until(Duration.ofMinutes(1), "events.log is read to its end", output::caughtUp);
        output.close();

        List<EventEnvelope> written = output.records();
        assertThat(written).hasSize(uniqueIds.size());
        assertThat(written.stream().map(EventEnvelope::eventId).collect(Collectors.toSet())).isEqualTo(uniqueIds);
        assertGaplessVersionsPerAggregate(written);
        assertThat(output.rejectedCount(bootstrap, Topics.EVENTS_REJECTED.prefixed(PREFIX).name())).isZero();
    }

    /** 100k sends: 80k distinct events, then 20k re-sends of earlier ones spread over the whole run. */
    private static List<EventEnvelope> plan(Random random) {
        List<EventEnvelope> plan = new ArrayList<>(TOTAL);
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            if (!sent.isEmpty() && random.nextDouble() < DUPLICATE_SHARE) {
                plan.add(sent.get(random.nextInt(sent.size())));
            } else {
                EventEnvelope e = TestEvents.envelope(TestEvents.idOf(1, i), "agg-" + random.nextInt(AGGREGATES));
                sent.add(e);
                plan.add(e);
            }
        }
        return plan;
    }

    private void produce(List<EventEnvelope> plan, OutputCollector output) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        String topic = Topics.EVENTS_RAW.prefixed(PREFIX).name();
        Set<UUID> distinct = new HashSet<>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < plan.size(); i++) {
                EventEnvelope e = plan.get(i);
                distinct.add(e.eventId());
                producer.send(new ProducerRecord<>(topic, e.key(), TestEvents.bytes(e)));
                if (i % 500 == 499) {
                    producer.flush();
                    awaitProgress(output, distinct.size() - MAX_AHEAD);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until events.log holds {@code target} events; fails when it did not advance for {@link #STALLED_AFTER}. */
    private static void awaitOutput(OutputCollector output, String what, int target) throws InterruptedException {
        int last = -1;
        long lastChange = System.nanoTime();
        while (output.count() < target) {
            int now = output.count();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALLED_AFTER.toNanos()) {
                throw new AssertionError("events.log stalled at " + now + " of " + target + " waiting until " + what);
            }
            Thread.sleep(100);
        }
        System.out.printf("crash-it: %s (%d events)%n", what, output.count());
    }

    /** Waits until events.log holds {@code atLeast} events; gives up after a while so the assertions can tell. */
    private static void awaitProgress(OutputCollector output, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT_FOR_PROGRESS.toNanos();
        while (output.count() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Process startChild(Path stateDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ProcessorInstance.class.getName(), bootstrap, PREFIX, APP_ID, stateDir.toString(), "true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return process;
    }

    private int membersWithPartitions() {
        try (Admin admin = admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(PREFIX + APP_ID)).all()
                    .get(10, TimeUnit.SECONDS).get(PREFIX + APP_ID);
            return (int) group.members().stream()
                    .filter(m -> m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals(Topics.EVENTS_RAW.prefixed(PREFIX).name())))
                    .count();
        } catch (Exception e) {
            return 0;
        }
    }

    private boolean inputFullyCommitted() {
        String topic = Topics.EVENTS_RAW.prefixed(PREFIX).name();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(PREFIX + APP_ID)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long behind = ends.entrySet().stream().mapToLong(e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                return e.getValue().offset() - (c == null ? 0 : c.offset());
            }).sum();
            long total = ends.values().stream().mapToLong(i -> i.offset()).sum();
            return total == TOTAL && behind == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void assertGaplessVersionsPerAggregate(List<EventEnvelope> written) {
        Map<String, List<Long>> versions = new HashMap<>();
        for (EventEnvelope e : written) {
            versions.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.version());
        }
        versions.forEach((aggregate, list) -> {
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, list.size()).boxed().toList();
            assertThat(list).as("versions of %s in log order", aggregate).isEqualTo(expected);
        });
    }

    /** Reads events.log read_committed, in partition order, on its own thread. */
    private static final class OutputCollector {

        private final List<EventEnvelope> records = new CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicBoolean caughtUp = new AtomicBoolean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
        private final Thread thread;

        OutputCollector(String bootstrap, String topic) {
            thread = Thread.ofPlatform().name("crash-it-collector").start(() -> collect(bootstrap, topic));
        }

        private void collect(String bootstrap, String topic) {
            try (KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), Topics.EVENTS_LOG.valueSerde().deserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < 6; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    for (ConsumerRecord<String, EventEnvelope> r : consumer.poll(Duration.ofMillis(200))) {
                        records.add(r.value());
                        count.incrementAndGet();
                    }
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    caughtUp.set(partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp)));
                    partitions.forEach(tp -> positions.put(tp, consumer.position(tp)));
                }
            }
        }

        int count() {
            return count.get();
        }

        boolean caughtUp() {
            return caughtUp.get();
        }

        List<EventEnvelope> records() {
            return records;
        }

        long rejectedCount(String bootstrap, String topic) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < 6; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            }
        }

        void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
