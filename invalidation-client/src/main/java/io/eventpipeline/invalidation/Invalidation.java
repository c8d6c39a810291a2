package io.eventpipeline.invalidation;

import java.time.Instant;
import java.util.List;

/**
 * One message of {@code cache.invalidations} as a downstream service sees it: the stale cache keys
 * (the record key and the value's {@code keys}, de-duplicated), the aggregate, its committed version,
 * and where it came from. {@code aggregate}, {@code version} and {@code committedAt} are empty/-1/null
 * when the value could not be read; the keys are then the record key alone, which still must go.
 */
public record Invalidation(List<String> keys, String aggregate, long version, Instant committedAt, int partition,
        long offset) {

    public Invalidation {
        keys = List.copyOf(keys);
    }

    /** False when only the record key could be read. */
    public boolean complete() {
        return committedAt != null;
    }
}
