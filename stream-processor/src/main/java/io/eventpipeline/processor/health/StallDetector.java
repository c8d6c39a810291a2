package io.eventpipeline.processor.health;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides from offset samples whether an input partition stalled: over the whole stall window its end offset
 * moved (records kept arriving, the lag grew) while its committed offset did not. A partition met less than
 * a window ago (after a rebalance) is not judged yet. Not thread-safe: one sampling thread feeds it.
 */
final class StallDetector {

    private final long windowMs;
    private final Map<TopicPartition, Deque<ProgressSample>> history = new HashMap<>();

    StallDetector(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Adds a sample per partition; partitions no longer sampled (moved to another instance) are forgotten. */
    void record(long nowMs, Map<TopicPartition, long[]> committedAndEnd) {
        history.keySet().retainAll(committedAndEnd.keySet());
        committedAndEnd.forEach((tp, offsets) -> {
            Deque<ProgressSample> samples = history.computeIfAbsent(tp, k -> new ArrayDeque<>());
            samples.addLast(new ProgressSample(nowMs, offsets[0], offsets[1]));
            // keep one sample at or beyond the window's start, so the window is known to be covered
            while (samples.size() > 2 && second(samples).atMs() <= nowMs - windowMs) {
                samples.removeFirst();
            }
        });
    }

    List<TopicPartition> stalled(long nowMs) {
        return history.entrySet().stream().filter(e -> isStalled(e.getValue(), nowMs)).map(Map.Entry::getKey)
                .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    long lag() {
        return history.values().stream().mapToLong(s -> s.getLast().lag()).sum();
    }

    Set<TopicPartition> partitions() {
        return history.keySet();
    }

    private static ProgressSample second(Deque<ProgressSample> samples) {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    private boolean isStalled(Deque<ProgressSample> samples, long nowMs) {
        ProgressSample first = samples.getFirst();
        ProgressSample last = samples.getLast();
        boolean covered = first.atMs() <= nowMs - windowMs;
        return covered && last.committed() == first.committed() && last.end() > first.end();
    }
}
