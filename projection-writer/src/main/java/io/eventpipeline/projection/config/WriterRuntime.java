package io.eventpipeline.projection.config;

import io.eventpipeline.projection.consume.AfterCommitHook;
import io.eventpipeline.projection.consume.ProjectionConsumer;
import io.eventpipeline.projection.consume.RejectedPublisher;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.invalidate.InvalidationPublisher;
import io.eventpipeline.projection.invalidate.InvalidationRelay;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.projection.partition.PartitionUpkeep;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.write.OffsetStore;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running writer: topics ensured, partitions premade, the poll loop on its own thread, the upkeep
 * schedule. The Spring application starts one; tests start several against the same database to
 * prove restarts and crashes.
 */
public final class WriterRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriterRuntime.class);
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCE = new java.util.concurrent.atomic.AtomicInteger();

    private final ProjectionConsumer consumer;
    private final PartitionManager partitions;
    private final PartitionUpkeep upkeep;
    private final Producer<String, CacheInvalidation> invalidationProducer;
    private final Producer<String, RejectedEvent> rejectedProducer;
    private final KafkaClientMetrics consumerMetrics;
    private final Thread thread;

    private WriterRuntime(ProjectionConsumer consumer, PartitionManager partitions, PartitionUpkeep upkeep,
            Producer<String, CacheInvalidation> invalidationProducer, Producer<String, RejectedEvent> rejectedProducer,
            KafkaClientMetrics consumerMetrics, Thread thread) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.upkeep = upkeep;
        this.invalidationProducer = invalidationProducer;
        this.rejectedProducer = rejectedProducer;
        this.consumerMetrics = consumerMetrics;
        this.thread = thread;
    }

    public static WriterRuntime start(WriterSettings s, DSLContext dsl, MeterRegistry registry, Clock clock,
            AfterCommitHook hook) {
        KafkaSettings kafka = s.kafka();
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), kafka.topicPrefix(), kafka.topicPartitions(),
                kafka.replicationFactor());
        PartitionManager partitions = new PartitionManager(dsl, clock, s.partitionLockTimeout());
        PartitionUpkeep upkeep = new PartitionUpkeep(partitions, s.premakeMonths(), s.retention(), s.retentionDrop(),
                s.upkeepInterval());
        if (s.upkeepEnabled()) {
            upkeep.runOnce();
            upkeep.start();
        }
        io.micrometer.core.instrument.Gauge.builder("writer.partitions.default_rows", upkeep,
                        PartitionUpkeep::defaultPartitionRows)
                .description("rows in the default partition of events at the last upkeep (NaN when none exists)")
                .register(registry);

        var invalidationProducer = new KafkaProducer<>(producerConfig(s, "invalidations"), new StringSerializer(),
                Topics.CACHE_INVALIDATIONS.valueSerde().serializer());
        var rejectedProducer = new KafkaProducer<>(producerConfig(s, "rejected"), new StringSerializer(),
                Topics.EVENTS_REJECTED.valueSerde().serializer());
        OffsetStore offsets = new OffsetStore(s.groupId());
        InvalidationOutbox outbox = new InvalidationOutbox();
        RejectedPublisher rejected = new RejectedPublisher(rejectedProducer,
                Topics.EVENTS_REJECTED.prefixed(s.topicPrefix()), clock, Duration.ofSeconds(30));
        BatchWriter writer = new BatchWriter(dsl, s.writeMethod(), offsets, outbox, partitions, rejected, clock, registry);
        InvalidationRelay relay = new InvalidationRelay(dsl, outbox, new InvalidationPublisher(invalidationProducer,
                Topics.CACHE_INVALIDATIONS.prefixed(s.topicPrefix()), Duration.ofSeconds(30)), registry);

        var kafkaConsumer = new KafkaConsumer<>(consumerConfig(s), new StringDeserializer(), new ByteArrayDeserializer());
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(kafkaConsumer);
        consumerMetrics.bindTo(registry);
        ProjectionConsumer consumer = new ProjectionConsumer(kafkaConsumer, Topics.EVENTS_LOG.prefixed(s.topicPrefix()).name(),
                writer, offsets, dsl, relay, hook, s.batchMaxRecords(), s.batchMaxWait(), s.backoffInitial(),
                s.backoffMax(), s.invalidationSweepInterval(), registry);
        Thread thread = new Thread(consumer, "projection-writer-" + s.groupId() + "-" + INSTANCE.incrementAndGet());
        thread.setUncaughtExceptionHandler((t, e) -> log.error("writer thread {} died", t.getName(), e));
        thread.start();
        log.info("projection-writer consuming {} as group {} (batch {} records / {}, {} writes)",
                Topics.EVENTS_LOG.prefixed(s.topicPrefix()).name(), s.groupId(), s.batchMaxRecords(), s.batchMaxWait(),
                s.writeMethod());
        return new WriterRuntime(consumer, partitions, upkeep, invalidationProducer, rejectedProducer, consumerMetrics,
                thread);
    }

    public ProjectionConsumer consumer() {
        return consumer;
    }

    public PartitionManager partitions() {
        return partitions;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops polling after the batch in flight, then closes clients. Uncommitted records are re-read by the next owner. */
    @Override
    public void close() {
        upkeep.close();
        consumer.close();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
        invalidationProducer.close(Duration.ofSeconds(10));
        rejectedProducer.close(Duration.ofSeconds(10));
    }

    private static Map<String, Object> consumerConfig(WriterSettings s) {
        Map<String, Object> c = s.kafka().clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, s.groupId() + "-" + INSTANCE.incrementAndGet());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.batchMaxRecords());
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return c;
    }

    private static Map<String, Object> producerConfig(WriterSettings s, String purpose) {
        Map<String, Object> c = s.kafka().clientProperties();
        c.put(ProducerConfig.CLIENT_ID_CONFIG, s.groupId() + "-" + purpose + "-" + INSTANCE.incrementAndGet());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return c;
    }
}
