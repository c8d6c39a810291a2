package io.eventpipeline.read.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code read_cache_requests_total{view, layer="l1|l2|db", result="hit|miss|error"}}: a dashboard divides hits
 * by all requests of a layer for its hit rate. {@code db} counts a found row as a hit and an absent one as a
 * miss; {@code l2} counts {@code error} when Redis was down or bypassed. Also
 * {@code read_cache_evictions_total{layer}}.
 */
final class CacheMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String view, String layer, String result) {
        counters.computeIfAbsent(view + '|' + layer + '|' + result, k -> Counter.builder("read.cache.requests")
                .description("cache lookups per view, layer and result")
                .tag("view", view).tag("layer", layer).tag("result", result)
                .register(registry)).increment();
    }

    void evicted(String layer, int count) {
        counters.computeIfAbsent("evict|" + layer, k -> Counter.builder("read.cache.evictions")
                .description("cache keys evicted by invalidations, per layer")
                .tag("layer", layer).register(registry)).increment(count);
    }
}
