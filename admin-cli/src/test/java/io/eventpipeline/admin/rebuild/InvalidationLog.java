package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code cache.invalidations} from the start, as a cache would. */
final class InvalidationLog {

    private final PipelineFixture pipeline;

    InvalidationLog(PipelineFixture pipeline) {
        this.pipeline = pipeline;
    }

    /** The keys of every message committed at or after {@code since}. */
    Set<String> keysSince(Instant since) {
        String topic = pipeline.topic("cache.invalidations");
        Deserializer<CacheInvalidation> values = Topics.CACHE_INVALIDATIONS.valueSerde().deserializer();
        Set<String> keys = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    CacheInvalidation message = values.deserialize(topic, record.value());
                    if (!message.committedAt().isBefore(since)) {
                        keys.addAll(message.keys());
                    }
                }
            }
        }
        return keys;
    }
}
