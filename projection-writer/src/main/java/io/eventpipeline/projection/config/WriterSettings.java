package io.eventpipeline.projection.config;

import io.eventpipeline.projection.write.WriteMethod;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * Everything the projection-writer reads from its environment, validated once at startup. A bad value
 * fails the start with a message naming the variable, never later in the hot path.
 *
 * @param kafka     the shared Kafka settings ({@code KAFKA_*}, {@code TOPIC_*})
 * @param budget    {@code EVENT_MAX_BYTES}: producers' {@code max.request.size}, the topics' checked size, rejections' room
 * @param retention partitions whose whole month ended longer ago than this are detached; {@code null} keeps all
 */
public record WriterSettings(
        KafkaSettings kafka,
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
        Duration invalidationSweepInterval,
        Duration pollStallTimeout,
        SizeBudget budget) {

    public WriterSettings {
        Objects.requireNonNull(kafka, "kafka");
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
        require(positive(pollStallTimeout), "WRITER_POLL_STALL_TIMEOUT must be > 0");
        Objects.requireNonNull(budget, "budget");
    }

    /** Reads every variable (defaults as in the README); a bad value fails naming the variable. */
    public static WriterSettings from(Variables v) {
        return new WriterSettings(
                KafkaSettings.from(v),
                v.text("WRITER_GROUP_ID", "event-pipeline-projection-writer"),
                // Chosen by measurement (WriterBenchmark, see README): larger batches stopped paying off past ~2000.
                v.integer("WRITER_BATCH_MAX_RECORDS", 2000),
                v.duration("WRITER_BATCH_MAX_WAIT", Duration.ofMillis(100)),
                v.choice("WRITER_WRITE_METHOD", WriteMethod.class, WriteMethod.COPY),
                v.integer("PARTITION_PREMAKE_MONTHS", 3),
                v.period("PARTITION_RETENTION").orElse(null),
                v.bool("PARTITION_RETENTION_DROP", false),
                v.bool("PARTITION_UPKEEP_ENABLED", true),
                v.duration("PARTITION_UPKEEP_INTERVAL", Duration.ofHours(1)),
                v.duration("PARTITION_LOCK_TIMEOUT", Duration.ofSeconds(2)),
                v.duration("WRITER_BACKOFF_INITIAL", Duration.ofMillis(200)),
                v.duration("WRITER_BACKOFF_MAX", Duration.ofSeconds(30)),
                v.duration("INVALIDATION_SWEEP_INTERVAL", Duration.ofSeconds(10)),
                v.duration("WRITER_POLL_STALL_TIMEOUT", Duration.ofSeconds(60)),
                SizeBudget.fromEnvironment(name -> v.optional(name).orElse(null)));
    }

    /** {@code TOPIC_PREFIX}, which names every topic and the consumer's. */
    public String topicPrefix() {
        return kafka.topicPrefix();
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
