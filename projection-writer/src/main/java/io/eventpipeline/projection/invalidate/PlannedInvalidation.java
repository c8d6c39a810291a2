package io.eventpipeline.projection.invalidate;

import io.eventpipeline.schemas.CacheInvalidation;
import java.util.Objects;

/**
 * One message for {@code cache.invalidations} and the W3C {@code traceparent} of the event that made it
 * (the newest touching its key), sent as the record's header so a trace continues to the consumers that
 * evict; {@code null} when that event carried none.
 */
public record PlannedInvalidation(CacheInvalidation message, String traceparent) {

    public PlannedInvalidation {
        Objects.requireNonNull(message, "message");
    }
}
