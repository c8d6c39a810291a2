package io.eventpipeline.processor.dedup;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bloom filters cut into time generations, so the set can forget: each generation holds the ids
 * remembered during one slice of stream time, and a whole generation is dropped only once every id
 * in it is older than the retention window (when the dedup store no longer finds it either).
 *
 * <p>It only ever errs toward "maybe seen": an id put here is reported by {@link #mightContain} until
 * its generation expires. Not thread-safe: one instance per stream task.
 */
final class GenerationalBloomFilter<K> {

    private final long retentionMs;
    private final long spanMs;
    private final int expectedPerGeneration;
    private final double falsePositiveRate;
    private final Funnel<K> funnel;
    private final TreeMap<Long, BloomFilter<K>> generations = new TreeMap<>();

    GenerationalBloomFilter(long retentionMs, int generationCount, int expectedPerGeneration, double falsePositiveRate,
            Funnel<K> funnel) {
        this.funnel = funnel;
        this.retentionMs = retentionMs;
        this.spanMs = Math.max(1, retentionMs / generationCount);
        this.expectedPerGeneration = expectedPerGeneration;
        this.falsePositiveRate = falsePositiveRate;
    }

    boolean mightContain(K id) {
        // newest first: a duplicate usually follows its original closely
        for (BloomFilter<K> filter : generations.descendingMap().values()) {
            if (filter.mightContain(id)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers {@code id} in the generation of {@code timeMs} (the time it is stored under). */
    void put(K id, long timeMs) {
        generations.computeIfAbsent(Math.floorDiv(timeMs, spanMs),
                g -> BloomFilter.create(funnel, expectedPerGeneration, falsePositiveRate)).put(id);
    }

    /** Drops the generations whose every id is older than {@code streamTimeMs - retention}. */
    int expire(long streamTimeMs) {
        long oldestKept = streamTimeMs - retentionMs;
        int dropped = 0;
        for (Iterator<Map.Entry<Long, BloomFilter<K>>> it = generations.entrySet().iterator(); it.hasNext(); ) {
            long generation = it.next().getKey();
            long generationEnd = (generation + 1) * spanMs - 1;
            if (generationEnd >= oldestKept) {
                break;
            }
            it.remove();
            dropped++;
        }
        return dropped;
    }

    int generationCount() {
        return generations.size();
    }

    long approximateElementCount() {
        return generations.values().stream().mapToLong(BloomFilter::approximateElementCount).sum();
    }

    /** The false-positive probability the live generations together are expected to have now. */
    double expectedFalsePositiveRate() {
        double allNegative = 1.0;
        for (BloomFilter<K> filter : generations.values()) {
            allNegative *= 1.0 - filter.expectedFpp();
        }
        return 1.0 - allNegative;
    }
}
