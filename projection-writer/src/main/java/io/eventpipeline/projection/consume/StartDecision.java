package io.eventpipeline.projection.consume;

import java.util.Locale;
import org.apache.kafka.common.TopicPartition;

/**
 * Where one partition of {@code events.log} starts reading, decided from the position Postgres stores
 * and the bounds of the log, never guessed: a partition is read from its stored offset, from 0 when it is
 * new (nothing stored and the log still starts at 0), and otherwise it is stopped, because reading on
 * would skip records that were never written (retention deleted them) or read a different log.
 */
sealed interface StartDecision {

    /** Read from {@code offset}. */
    record Seek(long offset, String why) implements StartDecision {
    }

    /**
     * Do not read: {@code reason} is a stable tag for metrics, {@code message} says what happened and the
     * command that accepts the loss.
     */
    record Stop(String reason, String message) implements StartDecision {
    }

    /** Records were deleted from the log before this writer stored them. */
    String LOG_TRUNCATED = "log_truncated";
    /** Postgres stores a position past the end of the log: the topic was recreated, or the database is another's. */
    String AHEAD_OF_LOG = "ahead_of_log";

    /**
     * @param stored   the next offset Postgres stores for the partition, or {@code null} when it stores none
     * @param logStart the first offset still in the log
     * @param logEnd   the offset after the last readable record
     */
    static StartDecision decide(TopicPartition tp, String group, Long stored, long logStart, long logEnd) {
        if (stored == null) {
            return logStart == 0 ? new Seek(0, "new partition: nothing stored and the log starts at 0")
                    : stop(LOG_TRUNCATED, tp, group, logStart, "Postgres stores no position for it and the log starts at "
                            + logStart + ", not 0: records 0.." + (logStart - 1) + " were deleted before this writer stored them");
        }
        if (stored < logStart) {
            return stop(LOG_TRUNCATED, tp, group, logStart, "Postgres stores next offset " + stored
                    + " but the log starts at " + logStart + ": records " + stored + ".." + (logStart - 1)
                    + " were deleted before this writer stored them");
        }
        if (stored > logEnd) {
            return stop(AHEAD_OF_LOG, tp, group, logEnd, "Postgres stores next offset " + stored
                    + " but the log ends at " + logEnd + ": was the topic recreated, or is this database another cluster's?");
        }
        return new Seek(stored, "stored in Postgres");
    }

    private static Stop stop(String reason, TopicPartition tp, String group, long acceptAt, String what) {
        return new Stop(reason, String.format(Locale.ROOT, "%s stopped (%s): %s. Nothing is skipped silently: this "
                        + "partition stays paused and the writer not ready. To accept the loss and read on from offset %d, "
                        + "run in Postgres: SELECT set_projection_offset('%s', '%s', %d, %d); the writer re-checks every %ds.",
                tp, reason, what, acceptAt, group, tp.topic(), tp.partition(), acceptAt, Positions.RECHECK.toSeconds()));
    }
}
