package io.eventpipeline.projection.consume;

import java.time.Duration;
import java.util.Map;

/**
 * What health reports about the poll loop, read from any thread.
 *
 * @param sinceLastPoll time since {@code poll} last returned; {@code null} before the first one
 * @param failure       what keeps the writer paused on its infrastructure, or {@code null}
 * @param stopped       partitions not read because their position cannot be trusted, with the fix for each
 */
public record WriterStatus(Duration sinceLastPoll, String failure, Map<String, String> stopped, int positionedPartitions) {

    public WriterStatus {
        stopped = Map.copyOf(stopped);
    }

    /** Ready: polled within {@code stallTimeout}, not paused on a failure, no partition stopped. */
    public boolean isReady(Duration stallTimeout) {
        return isPolling(stallTimeout) && failure == null && stopped.isEmpty();
    }

    public boolean isPolling(Duration stallTimeout) {
        return sinceLastPoll != null && sinceLastPoll.compareTo(stallTimeout) <= 0;
    }
}
