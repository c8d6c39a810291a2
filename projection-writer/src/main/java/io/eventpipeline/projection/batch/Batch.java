package io.eventpipeline.projection.batch;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one transaction writes: events in Kafka order, the records already known to be unwritable, and
 * for every partition the offset range the batch covers (its first offset fences a stale writer, its
 * next offset is committed with the rows).
 */
public record Batch(String topic, List<LogEvent> events, List<Rejection> rejections, Map<Integer, OffsetRange> ranges) {

    /** Offsets {@code first..next-1} of one partition, read in this batch. */
    public record OffsetRange(long first, long next) {
    }

    public Batch {
        Objects.requireNonNull(topic, "topic");
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
        ranges = Map.copyOf(ranges);
    }

    public int size() {
        return events.size() + rejections.size();
    }
}
