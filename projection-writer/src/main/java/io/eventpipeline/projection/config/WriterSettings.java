package io.eventpipeline.projection.config;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * Everything the projection-writer reads from its environment, validated once at startup. A bad value
 * fails the start with a message naming the variable, never later in the hot path.
 *
 * @param retention partitions whose whole month ended longer ago than this are detached; {@code null} keeps all
 */
public record WriterSettings(
        String bootstrapServers,
        String topicPrefix,
        int topicPartitions,
        short replicationFactor,
        String groupId,
        int batchMaxRecords,
        Duration batchMaxWait,
        WriteMethod writeMethod,
        int premakeMonths,
        Period retention,
        boolean retentionDrop,
        boolean upkeepEnabled,
        Duration upkeepInterval,
        Duration partitionLockTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration invalidationSweepInterval) {

    /** How event rows reach Postgres inside the batch transaction. */
    public enum WriteMethod { COPY, INSERT }

    public WriterSettings {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS must not be empty");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        require(topicPartitions > 0, "TOPIC_PARTITIONS must be > 0");
        require(replicationFactor > 0, "TOPIC_REPLICATION_FACTOR must be > 0");
        require(groupId != null && !groupId.isBlank(), "WRITER_GROUP_ID must not be empty");
        require(batchMaxRecords > 0 && batchMaxRecords <= 20_000, "WRITER_BATCH_MAX_RECORDS must be in 1..20000");
        require(positive(batchMaxWait), "WRITER_BATCH_MAX_WAIT must be > 0");
        Objects.requireNonNull(writeMethod, "WRITER_WRITE_METHOD must be COPY or INSERT");
        require(premakeMonths >= 0 && premakeMonths <= 36, "PARTITION_PREMAKE_MONTHS must be in 0..36");
        require(retention == null || (!retention.isNegative() && !retention.isZero()),
                "PARTITION_RETENTION must be a positive ISO-8601 period such as P12M, or empty to keep every partition");
        require(positive(upkeepInterval), "PARTITION_UPKEEP_INTERVAL must be > 0");
        require(positive(partitionLockTimeout), "PARTITION_LOCK_TIMEOUT must be > 0");
        require(positive(backoffInitial), "WRITER_BACKOFF_INITIAL must be > 0");
        require(positive(backoffMax) && backoffMax.compareTo(backoffInitial) >= 0,
                "WRITER_BACKOFF_MAX must be >= WRITER_BACKOFF_INITIAL");
        require(positive(invalidationSweepInterval), "INVALIDATION_SWEEP_INTERVAL must be > 0");
    }

    /** Parses {@code PARTITION_RETENTION}: empty means keep forever. */
    public static Period parseRetention(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Period.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("PARTITION_RETENTION must be an ISO-8601 period such as P12M: " + value, e);
        }
    }

    public static WriteMethod parseWriteMethod(String value) {
        try {
            return WriteMethod.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("WRITER_WRITE_METHOD must be COPY or INSERT: " + value, e);
        }
    }

    private static boolean positive(Duration d) {
        return d != null && d.isPositive();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
