package io.eventpipeline.projection.config;

import io.eventpipeline.projection.consume.AfterCommitHook;
import io.eventpipeline.projection.consume.ConsumerOptions;
import io.eventpipeline.projection.consume.ProjectionConsumer;
import io.eventpipeline.projection.consume.RejectedPublisher;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.invalidate.InvalidationPublisher;
import io.eventpipeline.projection.invalidate.InvalidationRelay;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.projection.partition.PartitionUpkeep;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.write.OffsetStore;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running writer: topics ensured (and checked against the size budget: a topic that is too small
 * refuses the start, naming the fix), partitions premade, the poll loop on its own thread, the upkeep
 * schedule. The Spring application starts one; tests start several against the same database to
 * prove restarts and crashes.
 */
public final class WriterRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriterRuntime.class);
    private static final AtomicInteger INSTANCE = new AtomicInteger();

    private final ProjectionConsumer consumer;
    private final PartitionManager partitions;
    private final PartitionUpkeep upkeep;
    private final WriterClients clients;
    private final KafkaClientMetrics consumerMetrics;
    private final Thread thread;

    private WriterRuntime(ProjectionConsumer consumer, PartitionManager partitions, PartitionUpkeep upkeep,
            WriterClients clients, KafkaClientMetrics consumerMetrics, Thread thread) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.upkeep = upkeep;
        this.clients = clients;
        this.consumerMetrics = consumerMetrics;
        this.thread = thread;
    }

    public static WriterRuntime start(WriterSettings s, DSLContext dsl, MeterRegistry registry, Clock clock,
            AfterCommitHook hook) {
        TopicProvisioner.ensureTopics(s.kafka(), s.budget());
        PartitionManager partitions = new PartitionManager(dsl, clock, s.partitionLockTimeout(), s.retention());
        PartitionUpkeep upkeep = startUpkeep(s, partitions, registry);
        WriterClients clients = WriterClients.create(s);
        OffsetStore offsets = new OffsetStore(s.groupId());
        InvalidationOutbox outbox = new InvalidationOutbox();
        RejectedPublisher rejected = new RejectedPublisher(clients.rejections,
                Topics.EVENTS_REJECTED.prefixed(s.topicPrefix()).name(), s.budget(), clock, Duration.ofSeconds(30),
                registry);
        BatchWriter writer = new BatchWriter(dsl, s.writeMethod(), offsets, outbox, partitions, rejected, clock, registry);
        InvalidationRelay relay = new InvalidationRelay(dsl, outbox, new InvalidationPublisher(clients.invalidations,
                Topics.CACHE_INVALIDATIONS.prefixed(s.topicPrefix()), Duration.ofSeconds(30)), registry);
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(clients.consumer);
        consumerMetrics.bindTo(registry);
        String topic = Topics.EVENTS_LOG.prefixed(s.topicPrefix()).name();
        ConsumerOptions options = new ConsumerOptions(topic, s.groupId(), s.batchMaxRecords(), s.batchMaxWait(),
                s.backoffInitial(), s.backoffMax(), s.invalidationSweepInterval());
        ProjectionConsumer consumer = new ProjectionConsumer(clients.consumer, options, writer,
                (t, numbers) -> offsets.load(dsl, t, numbers), relay, hook, registry);
        Thread thread = new Thread(consumer, "projection-writer-" + s.groupId() + "-" + INSTANCE.incrementAndGet());
        thread.setUncaughtExceptionHandler((t, e) -> log.error("writer thread {} died", t.getName(), e));
        thread.start();
        log.info("projection-writer consuming {} as group {} (batch {} records / {}, {} writes)", topic, s.groupId(),
                s.batchMaxRecords(), s.batchMaxWait(), s.writeMethod());
        return new WriterRuntime(consumer, partitions, upkeep, clients, consumerMetrics, thread);
    }

    private static PartitionUpkeep startUpkeep(WriterSettings s, PartitionManager partitions, MeterRegistry registry) {
        PartitionUpkeep upkeep = new PartitionUpkeep(partitions, s.premakeMonths(), s.retention(), s.retentionDrop(),
                s.upkeepInterval(), registry);
        if (s.upkeepEnabled()) {
            upkeep.runOnce();
            upkeep.start();
        }
        Gauge.builder("writer.partitions.default_rows", upkeep, PartitionUpkeep::defaultPartitionRows)
                .description("rows in the default partition of events at the last upkeep (NaN when none exists)")
                .register(registry);
        return upkeep;
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
        clients.close();
    }
}
