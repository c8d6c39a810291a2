package io.eventpipeline.invalidation;

import java.util.function.Function;
import org.springframework.cache.Cache;

/** Handlers that evict from a Spring {@link Cache} (of any provider behind Spring's cache abstraction). */
public final class SpringCacheEvictors {

    private SpringCacheEvictors() {
    }

    /** {@code evict(key)} for every key of the invalidation. */
    public static InvalidationHandler evicting(Cache cache) {
        return evicting(cache, Function.identity());
    }

    public static InvalidationHandler evicting(Cache cache, Function<String, ?> keyMapping) {
        return invalidation -> invalidation.keys().forEach(k -> cache.evict(keyMapping.apply(k)));
    }
}
