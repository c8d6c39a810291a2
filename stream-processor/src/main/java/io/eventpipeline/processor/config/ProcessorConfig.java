package io.eventpipeline.processor.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.processor.health.HealthSettings;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.config.InvalidVariableException;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.Variables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream-processor's settings, read from environment variables through the shared reader ({@link #from},
 * docs/decisions.md D6) and validated once at startup: every check throws an {@link InvalidVariableException} whose
 * message starts with the variable to fix, so a bad deployment fails on its first line of log.
 *
 * @param kafka                {@code KAFKA_BOOTSTRAP_SERVERS}, {@code TOPIC_PREFIX}, {@code TOPIC_PARTITIONS} (for
 *                             topics created here), {@code TOPIC_REPLICATION_FACTOR} (also Streams' internal topics),
 *                             the Kafka security variables; every client starts from {@code kafka.clientProperties()}
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
 * @param group                {@code SESSION_TIMEOUT}, {@code HEARTBEAT_INTERVAL}, {@code PROCESSOR_INSTANCE_ID}
 */
public record ProcessorConfig(
        KafkaSettings kafka,
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
        Duration metadataMaxAge,
        GroupSettings group) {

    public static final String DEFAULT_APPLICATION_ID = "event-pipeline-processor";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Two stream threads: one processes while the other waits on its commit (+40% on 2 cores, README). */
    public static final int DEFAULT_STREAM_THREADS = 2;
    /**
     * 32 shards: up to 32 stream threads (16 instances of 2); each shard costs two RocksDB stores and three
     * partitions (shard topic, two changelogs), and 32 kept commit and restore cost small (README, Shards).
     */
    public static final int DEFAULT_SHARDS = 32;
    static final int MAX_SHARDS = 1024;
    /** Tests run on fewer shards: every shard is a task with two RocksDB stores to open. */
    static final int TEST_SHARDS = 4;
    public static final Duration DEFAULT_METADATA_MAX_AGE = Duration.ofSeconds(30);

    public ProcessorConfig {
        Objects.requireNonNull(kafka, "kafka");
        require(applicationId != null && applicationId.matches("[A-Za-z0-9._-]+"), "PROCESSOR_APPLICATION_ID",
                "must be non-empty and hold only letters, digits, '.', '_' and '-'");
        Objects.requireNonNull(stateDir, "STREAMS_STATE_DIR");
        require(streamThreads > 0, "STREAM_THREADS", "must be > 0");
        require(standbyReplicas >= 0, "STANDBY_REPLICAS", "must be >= 0");
        require(dedupRetention != null && dedupRetention.isPositive(), "DEDUP_RETENTION", "must be > 0");
        require(dedupRetention.compareTo(Duration.ofMinutes(1)) >= 0, "DEDUP_RETENTION", "must be at least PT1M");
        Objects.requireNonNull(bloom, "bloom");
        require(commitInterval != null && commitInterval.isPositive(), "COMMIT_INTERVAL", "must be > 0");
        require(maxThreadReplacements >= 0, "MAX_THREAD_REPLACEMENTS", "must be >= 0");
        require(threadReplacementWindow != null && threadReplacementWindow.isPositive(), "THREAD_REPLACEMENT_WINDOW",
                "must be > 0");
        Objects.requireNonNull(budget, "EVENT_MAX_BYTES");
        Objects.requireNonNull(health, "health");
        require(shards >= 1 && shards <= MAX_SHARDS, "PROCESSOR_SHARDS", "must be between 1 and " + MAX_SHARDS);
        require(metadataMaxAge != null && metadataMaxAge.compareTo(Duration.ofSeconds(1)) >= 0, "METADATA_MAX_AGE",
                "must be at least PT1S");
        Objects.requireNonNull(group, "group");
    }

    /** Every setting from its variable, the defaults above where one is unset. */
    public static ProcessorConfig from(Variables v) {
        return new ProcessorConfig(KafkaSettings.from(v),
                v.text("PROCESSOR_APPLICATION_ID", DEFAULT_APPLICATION_ID),
                Path.of(v.text("STREAMS_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"),
                        "event-pipeline-processor").toString())),
                v.integer("STREAM_THREADS", DEFAULT_STREAM_THREADS),
                v.integer("STANDBY_REPLICAS", 0),
                v.duration("DEDUP_RETENTION", DEFAULT_RETENTION),
                BloomSettings.from(v),
                v.duration("COMMIT_INTERVAL", Duration.ofMillis(100)),
                v.integer("MAX_THREAD_REPLACEMENTS", 3),
                v.duration("THREAD_REPLACEMENT_WINDOW", Duration.ofMinutes(10)),
                SizeBudget.fromEnvironment(name -> v.optional(name).orElse(null)),
                HealthSettings.from(v),
                v.integer("PROCESSOR_SHARDS", DEFAULT_SHARDS),
                v.duration("METADATA_MAX_AGE", DEFAULT_METADATA_MAX_AGE),
                GroupSettings.from(v));
    }

    public String bootstrapServers() { return kafka.bootstrapServers(); }
    public String topicPrefix() { return kafka.topicPrefix(); }
    public int topicPartitions() { return kafka.topicPartitions(); }
    public short replicationFactor() { return kafka.replicationFactor(); }

    /** The application id as Kafka sees it: prefixed, so test classes and pipelines sharing a cluster never meet. */
    public String effectiveApplicationId() {
        return kafka.topicPrefix() + applicationId;
    }

    /**
     * A config for tests and benchmarks: defaults everywhere except what identifies the run, and one stream
     * thread, so a test can count group members as instances (the benchmark sets its thread count itself).
     */
    public static ProcessorConfig defaults(String bootstrapServers, String topicPrefix, Path stateDir) {
        return new ProcessorConfig(KafkaSettings.plaintext(bootstrapServers, topicPrefix), DEFAULT_APPLICATION_ID,
                stateDir, 1, 0,
                DEFAULT_RETENTION, BloomSettings.DEFAULTS, Duration.ofMillis(100), 3, Duration.ofMinutes(10),
                SizeBudget.DEFAULT, HealthSettings.DEFAULTS, TEST_SHARDS, DEFAULT_METADATA_MAX_AGE,
                GroupSettings.DEFAULTS);
    }

    public ProcessorConfig withRetention(Duration retention) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, retention, bloom,
                commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge,
                group);
    }

    public ProcessorConfig withBloom(BloomSettings settings) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, dedupRetention,
                settings, commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards,
                metadataMaxAge, group);
    }

    public ProcessorConfig withApplicationId(String id) {
        return new ProcessorConfig(kafka, id, stateDir, streamThreads, standbyReplicas, dedupRetention, bloom,
                commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge,
                group);
    }

    public ProcessorConfig withStateDir(Path dir) {
        return new ProcessorConfig(kafka, applicationId, dir, streamThreads, standbyReplicas, dedupRetention, bloom,
                commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge,
                group);
    }

    public ProcessorConfig withCommitInterval(Duration interval) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, dedupRetention,
                bloom, interval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge,
                group);
    }

    public ProcessorConfig withStreamThreads(int threads) {
        return new ProcessorConfig(kafka, applicationId, stateDir, threads, standbyReplicas, dedupRetention, bloom,
                commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge,
                group);
    }

    public ProcessorConfig withShards(int count) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, dedupRetention,
                bloom, commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, count,
                metadataMaxAge, group);
    }

    public ProcessorConfig withStandbyReplicas(int count) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, count, dedupRetention, bloom,
                commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, metadataMaxAge,
                group);
    }

    public ProcessorConfig withMetadataMaxAge(Duration age) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, dedupRetention,
                bloom, commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards, age,
                group);
    }

    public ProcessorConfig withHealth(HealthSettings settings) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, dedupRetention,
                bloom, commitInterval, maxThreadReplacements, threadReplacementWindow, budget, settings, shards,
                metadataMaxAge, group);
    }

    public ProcessorConfig withGroup(GroupSettings settings) {
        return new ProcessorConfig(kafka, applicationId, stateDir, streamThreads, standbyReplicas, dedupRetention,
                bloom, commitInterval, maxThreadReplacements, threadReplacementWindow, budget, health, shards,
                metadataMaxAge, settings);
    }
}
