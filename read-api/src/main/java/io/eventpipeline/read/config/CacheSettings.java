package io.eventpipeline.read.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.RedisUrl;
import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * The two cache layers: Redis ({@code REDIS_URL}, {@code REDIS_TIMEOUT}, {@code CACHE_KEY_PREFIX},
 * {@code CACHE_L2_TTL}) and Caffeine ({@code CACHE_L1_MAX_ENTRIES}, {@code CACHE_L1_TTL}), and how many
 * stream heads are warmed at start ({@code CACHE_WARM_AGGREGATES}).
 */
public record CacheSettings(RedisUrl redisUrl, Duration redisTimeout, String keyPrefix, int l1MaxEntries, Duration l1Ttl,
        Duration l2Ttl, int warmAggregates) {

    public CacheSettings {
        require(redisTimeout != null && redisTimeout.toMillis() >= 1, "REDIS_TIMEOUT", "must be >= 1ms");
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        require(l1MaxEntries >= 1, "CACHE_L1_MAX_ENTRIES", "must be >= 1");
        require(l1Ttl != null && l1Ttl.isPositive(), "CACHE_L1_TTL", "must be > 0");
        require(l2Ttl != null && l2Ttl.toSeconds() >= 1, "CACHE_L2_TTL", "must be >= 1s");
        require(warmAggregates >= 0, "CACHE_WARM_AGGREGATES", "must be >= 0");
    }

    static CacheSettings from(Variables v) {
        return new CacheSettings(RedisUrl.from(v), v.duration("REDIS_TIMEOUT", Duration.ofMillis(250)),
                v.optional("CACHE_KEY_PREFIX").orElse("read:"), v.integer("CACHE_L1_MAX_ENTRIES", 10_000),
                v.duration("CACHE_L1_TTL", Duration.ofSeconds(5)), v.duration("CACHE_L2_TTL", Duration.ofMinutes(10)),
                v.integer("CACHE_WARM_AGGREGATES", 1000));
    }
}
