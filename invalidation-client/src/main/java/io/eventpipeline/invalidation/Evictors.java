package io.eventpipeline.invalidation;

import com.github.benmanes.caffeine.cache.Cache;
import io.lettuce.core.api.sync.RedisKeyCommands;
import java.util.function.Function;

/**
 * Ready-made handlers that evict an invalidation's keys from a cache. Each needs only its own cache
 * library on the classpath. {@code keyMapping} turns a pipeline cache key
 * ({@code aggregate:<producer>/order/o-17}) into the key the service caches under.
 */
public final class Evictors {

    private Evictors() {
    }

    /** Caffeine: {@code invalidateAll(keys)}. */
    public static InvalidationHandler caffeine(Cache<String, ?> cache) {
        return caffeine(cache, Function.identity());
    }

    public static <K> InvalidationHandler caffeine(Cache<K, ?> cache, Function<String, K> keyMapping) {
        return invalidation -> cache.invalidateAll(invalidation.keys().stream().map(keyMapping).toList());
    }

    /** Redis through lettuce's synchronous commands: one {@code DEL} of all keys (a prefix per service is typical). */
    public static InvalidationHandler redis(RedisKeyCommands<String, ?> redis, String keyPrefix) {
        return invalidation -> redis.del(invalidation.keys().stream().map(k -> keyPrefix + k).toArray(String[]::new));
    }

    /** Runs every handler in order, e.g. a local Caffeine L1 after a shared Redis L2. */
    public static InvalidationHandler all(InvalidationHandler... handlers) {
        return invalidation -> {
            for (InvalidationHandler handler : handlers) {
                handler.handle(invalidation);
            }
        };
    }
}
