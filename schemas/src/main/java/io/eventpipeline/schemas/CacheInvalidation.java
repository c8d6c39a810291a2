package io.eventpipeline.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Published on {@code cache.invalidations} after the rows it describes are committed. Delivery is
 * at-least-once: a consumer may see the same message twice and must treat it as idempotent (evicting
 * twice is harmless; {@code version} lets a consumer ignore an older message).
 *
 * @param keys        the cache keys that are stale, e.g. {@code aggregate:order/o-17}
 * @param aggregate   {@code aggregateType/aggregateId}, or the projection name for projection keys
 * @param version     the newest committed version of the aggregate covered by this message
 * @param committedAt when the Postgres transaction holding the rows committed
 */
public record CacheInvalidation(List<String> keys, String aggregate, long version, Instant committedAt) {

    public CacheInvalidation {
        keys = List.copyOf(keys);
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(committedAt, "committedAt");
    }
}
