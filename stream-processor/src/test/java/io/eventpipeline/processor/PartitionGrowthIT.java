package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.testsupport.Await;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * events.raw grows from 3 to 6 partitions under load (the Admin API, what {@code kafka-topics --alter} does),
 * with producers and the processor seeing it within seconds (lowered metadata.max.age.ms). Aggregates whose
 * key now hashes to another partition continue their versions (v4 after v3, never v1), every event is on
 * events.log exactly once although a tenth of the sends are duplicates, and the pause is measured.
 */
class PartitionGrowthIT {

    private static final String PREFIX = "grow-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final int AGGREGATES = 60;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final String bootstrap = TestServers.shared().kafkaBootstrapServers();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void shouldContinueVersionsAndDedupWhenEventsRawGrowsUnderLoad() throws Exception {
        TopicProvisioner.ensureTopics(bootstrap, PREFIX, 3, (short) 1);
        ProcessorConfig config = ProcessorConfig.defaults(bootstrap, PREFIX,
                Files.createTempDirectory(Path.of("target"), "grow-it")).withShards(8)
                .withMetadataMaxAge(Duration.ofSeconds(2));
        ProcessorClient client = ProcessorInstance.create(config, new ProcessorMetrics(new SimpleMeterRegistry()));
        closing.add(client);
        client.start();
        Await.until(WAIT, "running", () -> client.streams().state() == KafkaStreams.State.RUNNING);
        TopicReader<EventEnvelope> log = TopicReader.committed(bootstrap, Topics.EVENTS_LOG.prefixed(PREFIX));
        closing.add(log);
        LoadProducer load = new LoadProducer(bootstrap, Topics.EVENTS_RAW.prefixed(PREFIX).name(), AGGREGATES, 0.1);
        closing.add(load);

        load.start();
        Thread.sleep(4_000);
        long grownAt = System.currentTimeMillis();
        grow(Topics.EVENTS_RAW.prefixed(PREFIX).name(), 6);
        Thread.sleep(12_000);
        load.close();

        Set<UUID> unique = load.uniqueIds();
        List<ConsumerRecord<String, EventEnvelope>> written = awaitAll(log, unique.size());
        assertThat(written.stream().map(r -> r.value().eventId()).collect(Collectors.toSet())).isEqualTo(unique);
        assertThat(written).hasSize(unique.size());
        assertThat(load.duplicatesSent()).as("duplicates were sent").isPositive();
        Map<String, List<Long>> versions = versionsPerAggregate(written);
        versions.forEach((aggregate, list) -> assertThat(list).as(aggregate)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, list.size()).boxed().toList()));
        // moved: sent to an old partition before the growth and to a new one after; their versions went on
        Set<String> moved = load.aggregatesOnNewPartitions().stream().filter(a -> load.sentBefore(a, grownAt) > 0)
                .collect(Collectors.toSet());
        assertThat(moved).as("aggregates whose key moved to a new partition").isNotEmpty();
        for (String aggregate : moved) {
            assertThat(versions.get(aggregate)).as(aggregate).hasSizeGreaterThan(load.sentBefore(aggregate, grownAt));
        }
        long pause = load.maxLatency(log, true, grownAt);
        var rebalance = Rebalances.after(client.health().transitions(), grownAt);
        System.out.printf("PARTITION GROWTH 3->6: %d events, %d aggregates moved; seen after %d ms, rebalance pause "
                + "%d ms; max end-to-end latency of events sent after the growth %d ms (before: %d ms)%n",
                unique.size(), moved.size(), rebalance.startedAfterMs(), rebalance.pauseMs(), pause,
                load.maxLatency(log, false, grownAt));
        assertThat(rebalance.startedAfterMs()).as("the growth was noticed").isNotNegative();
        assertThat(rebalance.pauseMs()).isLessThan(30_000);
    }

    private static List<ConsumerRecord<String, EventEnvelope>> awaitAll(TopicReader<EventEnvelope> log, int count) {
        Await.until(WAIT, count + " events on events.log", () -> log.records().size() >= count);
        return log.records();
    }

    private static Map<String, List<Long>> versionsPerAggregate(List<ConsumerRecord<String, EventEnvelope>> written) {
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, EventEnvelope> r : written) {
            versions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().version());
        }
        return versions;
    }

    private void grow(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
