package io.eventpipeline.read.invalidate;

import io.eventpipeline.read.cache.TieredCache;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evicts from both cache layers every key named on {@code cache.invalidations}. Every instance must see every
 * message, so it assigns itself all partitions (no consumer group, nothing committed) and starts at the end:
 * what was cached before this instance started is what it warmed or loads, after its position was taken.
 * The record key is a cache key too, so even a value this version cannot read still evicts its key.
 * Delivery is at-least-once and eviction idempotent.
 */
public final class InvalidationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvalidationListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaClientMetrics clientMetrics;
    private final Topic<String, CacheInvalidation> topic;
    private final TieredCache cache;
    private final Counter messages;
    private final Counter unreadable;
    private final Duration partitionRefresh;
    private volatile boolean running = true;
    private volatile Thread thread;

    /** @param kafkaClient {@code bootstrap.servers} and the security properties (the shared KafkaSettings) */
    public InvalidationListener(Map<String, Object> kafkaClient, Topic<String, CacheInvalidation> topic, TieredCache cache,
            MeterRegistry registry) {
        this(kafkaClient, topic, cache, registry, Duration.ofMinutes(1));
    }

    /** @param partitionRefresh how often to look for partitions added to the topic (they are read from their start) */
    public InvalidationListener(Map<String, Object> kafkaClient, Topic<String, CacheInvalidation> topic, TieredCache cache,
            MeterRegistry registry, Duration partitionRefresh) {
        this.partitionRefresh = partitionRefresh;
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "read-api-invalidations-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        // partitionsFor() answers from this metadata: refresh it as often as we look for new partitions.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) Math.max(100, partitionRefresh.toMillis()));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.clientMetrics = new KafkaClientMetrics(consumer);
        this.clientMetrics.bindTo(registry);
        this.topic = topic;
        this.cache = cache;
        this.messages = Counter.builder("read.cache.invalidations").description("invalidation messages applied")
                .register(registry);
        this.unreadable = Counter.builder("read.cache.invalidations.unreadable")
                .description("invalidation values that could not be read; their record key was still evicted")
                .register(registry);
    }

    /** Takes the end of every partition as this instance's position (returns once taken), then polls in the background. */
    public void start(Duration timeout) {
        List<TopicPartition> partitions = partitions(timeout);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, timeout));
        log.info("listening for invalidations on {} ({} partitions) from their end", topic.name(), partitions.size());
        thread = Thread.ofPlatform().name("read-invalidations").daemon().start(this::pollLoop);
    }

    private List<TopicPartition> partitions(Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " has no partitions");
        }
        List<TopicPartition> partitions = new ArrayList<>(infos.size());
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        return partitions;
    }

    private void pollLoop() {
        long nextRefresh = System.nanoTime() + partitionRefresh.toNanos();
        try {
            while (running) {
                if (System.nanoTime() >= nextRefresh) {
                    addNewPartitions();
                    nextRefresh = System.nanoTime() + partitionRefresh.toNanos();
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    apply(records);
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            log.error("invalidation consumer stopped: cached entries may go stale until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Partitions added to the topic after start hold only messages newer than this instance: read them all. */
    private void addNewPartitions() {
        try {
            List<TopicPartition> now = partitions(Duration.ofSeconds(5));
            Set<TopicPartition> assigned = consumer.assignment();
            List<TopicPartition> added = now.stream().filter(p -> !assigned.contains(p)).toList();
            if (!added.isEmpty()) {
                List<TopicPartition> all = new ArrayList<>(assigned);
                all.addAll(added);
                consumer.assign(all);
                consumer.seekToBeginning(added);
                log.info("invalidations: {} new partitions of {} assigned from their start", added.size(), topic.name());
            }
        } catch (WakeupException closing) {
            throw closing;
        } catch (RuntimeException e) {
            log.warn("invalidations: cannot refresh the partitions of {}: {}", topic.name(), e.getMessage());
        }
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        Set<String> keys = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null) {
                keys.add(record.key());
            }
            keys.addAll(keysOf(record));
            messages.increment();
        }
        cache.evict(List.copyOf(keys));
    }

    private List<String> keysOf(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return List.of();
        }
        try {
            return topic.valueSerde().deserializer().deserialize(record.topic(), record.value()).keys();
        } catch (RuntimeException e) {
            unreadable.increment();
            log.warn("unreadable invalidation at {}-{}@{}: evicting its key {} only ({})", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
            return List.of();
        }
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t == null) {
            consumer.close(Duration.ofSeconds(5));
        } else {
            consumer.wakeup();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clientMetrics.close();
    }
}
