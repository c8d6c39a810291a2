package io.eventpipeline.processor.config;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Turns {@link ProcessorConfig} into Kafka Streams properties: exactly_once_v2, always. */
public final class StreamsSettings {

    /**
     * Kafka Streams' record cache for the whole instance; only the version store uses it (the dedup store
     * is uncached: its ids are new almost always, so a cache would only add work).
     */
    public static final long STATESTORE_CACHE_MAX_BYTES = 16L * 1024 * 1024;

    private StreamsSettings() {
    }

    public static Properties of(ProcessorConfig config) {
        Properties p = new Properties();
        // bootstrap servers and the security settings, for every client Kafka Streams makes (docs/decisions.md D6)
        p.putAll(config.kafka().clientProperties());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.effectiveApplicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, STATESTORE_CACHE_MAX_BYTES);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // the size budget: what validation lets through, this producer can send and internal topics can hold
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), config.budget().producerMaxRequestSize());
        p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), config.budget().recordMaxBytes());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // new partitions of events.raw are picked up this soon (the default, 5 minutes, left them unread that long)
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), config.metadataMaxAge().toMillis());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) config.group().sessionTimeout().toMillis());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) config.group().heartbeatInterval().toMillis());
        // static membership: Kafka Streams appends the thread index to make one id per consumer
        config.group().instanceId().ifPresent(id -> p.put(StreamsConfig.consumerPrefix(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        return p;
    }
}
