package io.eventpipeline.invalidation;

/**
 * What a service does with an invalidation: usually evict the keys from its caches ({@link Evictors}).
 * It is called again for the same message after a crash or a failure (at-least-once), so it must be
 * idempotent; throwing makes the client retry the same messages (nothing is committed past them).
 */
@FunctionalInterface
public interface InvalidationHandler {

    void handle(Invalidation invalidation) throws Exception;
}
