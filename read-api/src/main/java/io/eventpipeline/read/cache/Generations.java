package io.eventpipeline.read.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An eviction generation per cache key (striped: keys of one stripe share it, which only costs a needless
 * reload). A load reads the generation before it reads L2 or Postgres; if it moved by the time the value is
 * there, an eviction overtook the load and the value may be older than it. {@link #whileCurrent} orders a
 * load's "not overtaken, so write L2" against an eviction's {@link #bump}: the write is issued before the
 * eviction's delete (on the same Redis connection), never after it.
 */
final class Generations {

    static final int STRIPES = 4096;

    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private final Object[] writeLocks = new Object[STRIPES];

    Generations() {
        for (int i = 0; i < STRIPES; i++) {
            writeLocks[i] = new Object();
        }
    }

    long current(String cacheKey) {
        return generations.get(stripe(cacheKey));
    }

    boolean isOvertaken(String cacheKey, long generation) {
        return current(cacheKey) != generation;
    }

    void bump(List<String> cacheKeys) {
        for (String cacheKey : cacheKeys) {
            int stripe = stripe(cacheKey);
            synchronized (writeLocks[stripe]) {
                generations.incrementAndGet(stripe);
            }
        }
    }

    /** Runs {@code write} unless the key was evicted since {@code generation}, atomically with respect to {@link #bump}. */
    void whileCurrent(String cacheKey, long generation, Runnable write) {
        synchronized (writeLocks[stripe(cacheKey)]) {
            if (!isOvertaken(cacheKey, generation)) {
                write.run();
            }
        }
    }

    /** Every stripe's generation now; see {@link Snapshot}. */
    Snapshot snapshot() {
        long[] values = new long[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            values[i] = generations.get(i);
        }
        return new Snapshot(values);
    }

    /** The generations at one moment: a value read after it is current for a key not evicted since. */
    final class Snapshot {

        private final long[] values;

        private Snapshot(long[] values) {
            this.values = values;
        }

        long of(String cacheKey) {
            return values[stripe(cacheKey)];
        }

        boolean isCurrent(String cacheKey) {
            return current(cacheKey) == of(cacheKey);
        }
    }

    private static int stripe(String cacheKey) {
        return (cacheKey.hashCode() & 0x7fffffff) % STRIPES;
    }
}
