package io.eventpipeline.projection.config;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The writer's Kafka clients: the {@code events.log} consumer (read_committed, no auto commit, and
 * {@code auto.offset.reset=none}: positions come from Postgres only) and two idempotent producers, for
 * {@code cache.invalidations} and {@code events.rejected}, whose {@code max.request.size} is the size
 * budget's. The poll loop closes the consumer; {@link #close()} the producers.
 */
final class WriterClients implements AutoCloseable {

    private static final AtomicInteger INSTANCE = new AtomicInteger();

    final KafkaConsumer<String, byte[]> consumer;
    final KafkaProducer<String, CacheInvalidation> invalidations;
    final KafkaProducer<String, byte[]> rejections;

    private WriterClients(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, CacheInvalidation> invalidations,
            KafkaProducer<String, byte[]> rejections) {
        this.consumer = consumer;
        this.invalidations = invalidations;
        this.rejections = rejections;
    }

    static WriterClients create(WriterSettings s) {
        return new WriterClients(
                new KafkaConsumer<>(consumerConfig(s), new StringDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerConfig(s, "invalidations"), new StringSerializer(),
                        Topics.CACHE_INVALIDATIONS.valueSerde().serializer()),
                new KafkaProducer<>(producerConfig(s, "rejected"), new StringSerializer(), new ByteArraySerializer()));
    }

    @Override
    public void close() {
        invalidations.close(Duration.ofSeconds(10));
        rejections.close(Duration.ofSeconds(10));
    }

    private static Map<String, Object> consumerConfig(WriterSettings s) {
        Map<String, Object> c = s.kafka().clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, s.groupId() + "-" + INSTANCE.incrementAndGet());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Never guess a position: every partition is positioned from Postgres (StartDecision), and a fetch
        // out of range stops that partition loudly instead of jumping to earliest or latest.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.batchMaxRecords());
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(4 * 1024 * 1024, s.budget().recordMaxBytes()));
        return c;
    }

    private static Map<String, Object> producerConfig(WriterSettings s, String purpose) {
        Map<String, Object> c = s.kafka().clientProperties();
        c.put(ProducerConfig.CLIENT_ID_CONFIG, s.groupId() + "-" + purpose + "-" + INSTANCE.incrementAndGet());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, s.budget().producerMaxRequestSize());
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return c;
    }
}
