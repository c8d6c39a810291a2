package io.eventpipeline.processor.dedup;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many ids the dedup store holds inside the retention window, counted per time slice and
 * forgotten with the same rule as the Bloom generations. A window store cannot count its entries
 * cheaply; this estimate costs one map update per remembered id.
 */
final class RetainedCount {

    private final long retentionMs;
    private final long spanMs;
    private final TreeMap<Long, long[]> slices = new TreeMap<>();

    RetainedCount(long retentionMs, int sliceCount) {
        this.retentionMs = retentionMs;
        this.spanMs = Math.max(1, retentionMs / sliceCount);
    }

    void add(long timeMs) {
        slices.computeIfAbsent(Math.floorDiv(timeMs, spanMs), s -> new long[1])[0]++;
    }

    void expire(long streamTimeMs) {
        long oldestKept = streamTimeMs - retentionMs;
        for (Iterator<Map.Entry<Long, long[]>> it = slices.entrySet().iterator(); it.hasNext(); ) {
            if ((it.next().getKey() + 1) * spanMs - 1 >= oldestKept) {
                break;
            }
            it.remove();
        }
    }

    long total() {
        long sum = 0;
        for (long[] count : slices.values()) {
            sum += count[0];
        }
        return sum;
    }
}
