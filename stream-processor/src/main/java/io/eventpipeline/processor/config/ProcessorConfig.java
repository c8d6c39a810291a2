package io.eventpipeline.processor.config;

import io.eventpipeline.processor.health.HealthSettings;
import io.eventpipeline.schemas.SizeBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream-processor's configuration, validated once at startup. Every check names the environment
 * variable to fix, so a bad deployment fails on its first line of log.
 *
 * @param bootstrapServers     {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param topicPrefix          {@code TOPIC_PREFIX}, empty for none
 * @param topicPartitions      {@code TOPIC_PARTITIONS}, used only when the topics are created here
 * @param replicationFactor    {@code TOPIC_REPLICATION_FACTOR}, for created topics and Streams' internal topics
 * @param applicationId        {@code PROCESSOR_APPLICATION_ID}; instances sharing it share the work
 * @param stateDir             {@code STREAMS_STATE_DIR}, where RocksDB keeps the dedup and version stores
 * @param streamThreads        {@code STREAM_THREADS}
 * @param standbyReplicas      {@code STANDBY_REPLICAS}
 * @param dedupRetention       {@code DEDUP_RETENTION} (ISO-8601), how long an eventId is remembered
 * @param bloom                the Bloom filter in front of the dedup store
 * @param commitInterval       {@code COMMIT_INTERVAL} (ISO-8601): the exactly-once transaction length
 * @param maxThreadReplacements {@code MAX_THREAD_REPLACEMENTS}: failed stream threads replaced within
 *                             {@code threadReplacementWindow} before the client shuts down loudly
 * @param threadReplacementWindow {@code THREAD_REPLACEMENT_WINDOW} (ISO-8601)
 * @param budget               {@code EVENT_MAX_BYTES}: the size budget of every topic and of this producer
 * @param health               {@code HEALTH_*}: when the processor stops saying it is ready
 * @param shards               {@code PROCESSOR_SHARDS}: partitions of the shard topic, and so of the dedup and
 *                             version state; fixed for the life of an application id (docs/decisions.md D4)
 * @param metadataMaxAge       {@code METADATA_MAX_AGE} (ISO-8601): how soon new partitions of events.raw are seen
 */
public record ProcessorConfig(
        String bootstrapServers,
        String topicPrefix,
        int topicPartitions,
        short replicationFactor,
        String applicationId,
        Path stateDir,
        int streamThreads,
        int standbyReplicas,
        Duration dedupRetention,
        BloomSettings bloom,
        Duration commitInterval,
        int maxThreadReplacements,
        Duration threadReplacementWindow,
        SizeBudget budget,
        HealthSettings health,
        int shards,
        Duration metadataMaxAge) {

    public static final String DEFAULT_APPLICATION_ID = "event-pipeline-processor";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /**
     * Two stream threads: one processes while the other waits on its exactly-once commit (ProcessorBenchmark,
     * 1M events on 2 cores: +40% over one thread, the pass-through unchanged; see the README).
     */
    public static final int DEFAULT_STREAM_THREADS = 2;
    /**
     * 32 shards: up to 32 stream threads share the state (16 instances of 2 threads, ~1M events/s at the ~65k/s one
     * instance does here), more than the ingest side reaches; each shard costs two RocksDB stores and three
     * partitions (shard topic, two changelogs), and 32 kept commit and restore cost small (README, Shards).
     */
    public static final int DEFAULT_SHARDS = 32;
    static final int MAX_SHARDS = 1024;
    /** Tests run on fewer shards: every shard is a task with two RocksDB stores to open. */
    static final int TEST_SHARDS = 4;
    public static final Duration DEFAULT_METADATA_MAX_AGE = Duration.ofSeconds(30);

    public ProcessorConfig {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS must not be empty");
        topicPrefix = topicPrefix == null ? "" : topicPrefix.strip();
        require(topicPrefix.matches("[A-Za-z0-9._-]*"), "TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-'");
        require(topicPartitions > 0, "TOPIC_PARTITIONS must be > 0");
        require(replicationFactor > 0, "TOPIC_REPLICATION_FACTOR must be > 0");
        require(applicationId != null && applicationId.matches("[A-Za-z0-9._-]+"),
                "PROCESSOR_APPLICATION_ID must be non-empty and hold only letters, digits, '.', '_' and '-'");
        Objects.requireNonNull(stateDir, "STREAMS_STATE_DIR");
        require(streamThreads > 0, "STREAM_THREADS must be > 0");
        require(standbyReplicas >= 0, "STANDBY_REPLICAS must be >= 0");
        require(dedupRetention != null && dedupRetention.isPositive(), "DEDUP_RETENTION must be > 0");
        require(dedupRetention.compareTo(Duration.ofMinutes(1)) >= 0, "DEDUP_RETENTION must be at least PT1M");
        Objects.requireNonNull(bloom, "bloom");
        require(commitInterval != null && commitInterval.isPositive(), "COMMIT_INTERVAL must be > 0");
        require(maxThreadReplacements >= 0, "MAX_THREAD_REPLACEMENTS must be >= 0");
        require(threadReplacementWindow != null && threadReplacementWindow.isPositive(),
                "THREAD_REPLACEMENT_WINDOW must be > 0");
        Objects.requireNonNull(budget, "EVENT_MAX_BYTES");
        Objects.requireNonNull(health, "health");
        require(shards >= 1 && shards <= MAX_SHARDS, "PROCESSOR_SHARDS must be between 1 and " + MAX_SHARDS);
        require(metadataMaxAge != null && metadataMaxAge.compareTo(Duration.ofSeconds(1)) >= 0,
                "METADATA_MAX_AGE must be at least PT1S");
    }

    /** The application id as Kafka sees it: prefixed, so test classes and pipelines sharing a cluster never meet. */
    public String effectiveApplicationId() {
        return topicPrefix + applicationId;
    }

    /**
     * A config for tests and benchmarks: defaults everywhere except what identifies the run, and one stream
     * thread, so a test can count group members as instances (the benchmark sets its thread count itself).
     */
    public static ProcessorConfig defaults(String bootstrapServers, String topicPrefix, Path stateDir) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, 6, (short) 1, DEFAULT_APPLICATION_ID, stateDir, 1, 0,
                DEFAULT_RETENTION, BloomSettings.DEFAULTS, Duration.ofMillis(100), 3, Duration.ofMinutes(10),
                SizeBudget.DEFAULT, HealthSettings.DEFAULTS, TEST_SHARDS, DEFAULT_METADATA_MAX_AGE);
    }

    public ProcessorConfig withRetention(Duration retention) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, standbyReplicas, retention, bloom, commitInterval, maxThreadReplacements,
                threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withBloom(BloomSettings settings) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, standbyReplicas, dedupRetention, settings, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withApplicationId(String id) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, id,
                stateDir, streamThreads, standbyReplicas, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withStateDir(Path dir) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                dir, streamThreads, standbyReplicas, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withCommitInterval(Duration interval) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, standbyReplicas, dedupRetention, bloom, interval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withStreamThreads(int threads) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, threads, standbyReplicas, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withShards(int count) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, standbyReplicas, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, count, metadataMaxAge);
    }

    public ProcessorConfig withStandbyReplicas(int count) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, count, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge);
    }

    public ProcessorConfig withMetadataMaxAge(Duration age) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, standbyReplicas, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, health, shards, age);
    }

    public ProcessorConfig withHealth(HealthSettings settings) {
        return new ProcessorConfig(bootstrapServers, topicPrefix, topicPartitions, replicationFactor, applicationId,
                stateDir, streamThreads, standbyReplicas, dedupRetention, bloom, commitInterval,
                maxThreadReplacements, threadReplacementWindow, budget, settings, shards, metadataMaxAge);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
