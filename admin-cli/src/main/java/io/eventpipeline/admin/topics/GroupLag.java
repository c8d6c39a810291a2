package io.eventpipeline.admin.topics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far one consumer group is behind on one topic.
 *
 * @param source         where its positions live: {@code kafka} (committed offsets) or {@code postgres}
 *                       (the writer's {@code projection_offsets})
 * @param lag            records still to read over all partitions (read_committed end minus position)
 * @param withoutPosition partitions with no stored position: counted from the start of the log, where the
 *                       consumer would begin
 */
public record GroupLag(String group, String source, String topic, long lag, int withoutPosition,
        SortedMap<Integer, Long> byPartition) {

    static GroupLag of(String group, String source, String topic, Map<Integer, Long> byPartition, int withoutPosition) {
        SortedMap<Integer, Long> sorted = new TreeMap<>(byPartition);
        long total = sorted.values().stream().mapToLong(Long::longValue).sum();
        return new GroupLag(group, source, topic, total, withoutPosition, sorted);
    }
}
