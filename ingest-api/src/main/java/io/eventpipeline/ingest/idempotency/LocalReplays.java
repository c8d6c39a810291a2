package io.eventpipeline.ingest.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;

/**
 * This instance's recent completed answers ({@code ingest.idempotency.local}), replayed without a Redis
 * round trip. Bounded by bytes, not entries ({@code IDEMPOTENCY_LOCAL_CACHE_BYTES}): a stored batch
 * answer is about 100 bytes per event, so an entry count says little about the heap. 0 bytes disables it.
 */
final class LocalReplays {

    private final Cache<String, StoredEntry.Completed> recent;
    private final boolean enabled;

    LocalReplays(long maxBytes, Duration ttl, MeterRegistry meters) {
        this.enabled = maxBytes > 0;
        this.recent = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String key, StoredEntry.Completed entry) -> weight(key, entry))
                .expireAfterWrite(ttl).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, recent, "ingest.idempotency.local");
    }

    /** Heap held by one cached answer: the body, the key and fingerprint as UTF-16, and object overhead. */
    static int weight(String key, StoredEntry.Completed entry) {
        return entry.body().length + 2 * (key.length() + entry.fingerprint().length()) + 160;
    }

    StoredEntry.Completed get(String scopedKey) {
        return recent.getIfPresent(scopedKey);
    }

    /** Bytes held now, after pending evictions ran (for tests and diagnostics). */
    long heldBytes() {
        recent.cleanUp();
        return recent.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    void remember(String scopedKey, StoredEntry.Completed result) {
        if (enabled) {
            recent.put(scopedKey, result);
        }
    }
}
