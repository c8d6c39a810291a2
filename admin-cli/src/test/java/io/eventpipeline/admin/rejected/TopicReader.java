package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Reads the fixture's topics from the start, read_committed, independently of the admin's own code. */
public final class TopicReader {

    private final PipelineFixture pipeline;

    public TopicReader(PipelineFixture pipeline) {
        this.pipeline = pipeline;
    }

    /** Waits for {@code count} rejections; their ids by reason ({@code truncated} for a truncated one). */
    Map<String, String> awaitRejections(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> records = readAll("events.rejected");
            if (records.size() >= count) {
                Map<String, String> ids = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    JsonNode value = Json.MAPPER.readTree(r.value());
                    String reason = value.path("truncated").asBoolean(false) ? "truncated" : value.get("reason").asString();
                    ids.put(reason, r.topic() + "-" + r.partition() + "-" + r.offset());
                }
                return ids;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + records.size() + " of " + count + " rejections after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    List<EventEnvelope> awaitLogged(UUID eventId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<EventEnvelope> found = logged(eventId);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            found = logged(eventId);
        }
        return found;
    }

    List<EventEnvelope> logged(UUID eventId) {
        return readAll("events.log").stream()
                .map(r -> Json.MAPPER.readValue(r.value(), EventEnvelope.class))
                .filter(e -> e.eventId().equals(eventId))
                .toList();
    }

    /** The versions on events.log per record key, in log order. */
    public Map<String, List<Long>> versionsByKey() {
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll("events.log")) {
            versions.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(Json.MAPPER.readValue(r.value(), EventEnvelope.class).version());
        }
        return versions;
    }

    List<String> redriveHeaders() {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readAll("events.raw")) {
            for (Header h : r.headers().headers(Redrive.REDRIVE_HEADER)) {
                values.add(new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /**
     * Waits until the processor's group has committed every record of events.raw and of its shard topic: no
     * committed (read_committed) record lies at or after the group's committed offset of any partition.
     * Offsets alone cannot say it for a transactional topic, whose end includes commit markers.
     */
    public void awaitProcessorCaughtUp(Duration timeout) throws Exception {
        String group = pipeline.prefix() + "event-pipeline-processor";
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = pipeline.kafkaAdmin()) {
            while (!caughtUp(admin, group)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("processor did not catch up with events.raw and its shards in " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private boolean caughtUp(Admin admin, String group) throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        List<String> topics = new ArrayList<>(List.of(pipeline.topic("events.raw")));
        admin.listTopics().names().get().stream().filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition"))
                .forEach(topics::add);
        for (TopicPartition p : partitionsOf(admin, topics)) {
            var offset = committed.get(p);
            if (hasRecordFrom(p, offset == null ? 0 : offset.offset())) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitionsOf(Admin admin, List<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    }

    private boolean hasRecordFrom(TopicPartition partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long start = consumer.beginningOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, Math.max(offset, start));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    return true;
                }
            }
            return consumer.position(partition) < end;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String name) {
        String topic = pipeline.topic(name);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
