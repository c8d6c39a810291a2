package io.eventpipeline.read.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The L1 layer: a bounded Caffeine {@code AsyncCache} of views (it holds the in-flight future, so concurrent
 * misses of one view share one load) with an index from cache key to its views, so that an eviction of a key
 * drops every view cached under it. The index follows Caffeine's own removals (size, expiry).
 */
final class L1Views {

    /** One cached view: {@code field} of the invalidation key {@code cacheKey}. */
    record Entry(String cacheKey, String field) {
    }

    /** A value with the eviction generation of its key taken before it was read. */
    record Stamped(Optional<Object> value, long generation) {
    }

    private final AsyncCache<Entry, Stamped> cache;
    private final Map<String, Set<Entry>> entriesByKey = new ConcurrentHashMap<>();

    L1Views(int maxEntries, Duration ttl, Executor executor, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .executor(executor)
                .recordStats()
                // Synchronous with the removal (size or expiry), so it cannot race a load re-indexing the same entry.
                .evictionListener((Entry entry, Stamped value, RemovalCause cause) -> {
                    if (entry != null) {
                        unindex(entry);
                    }
                })
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, cache, "read-l1");
    }

    /** The entry's future; {@code load} runs (once, however many callers) when it is absent. */
    CompletableFuture<Stamped> get(Entry entry, Function<Entry, CompletableFuture<Stamped>> load) {
        return cache.get(entry, (e, executor) -> {
            index(e);
            return load.apply(e);
        });
    }

    void put(Entry entry, Stamped value) {
        index(entry);
        cache.put(entry, CompletableFuture.completedFuture(value));
    }

    /** Drops the entry only while it still holds {@code future} (a newer load is left alone). */
    void remove(Entry entry, CompletableFuture<Stamped> future) {
        cache.asMap().remove(entry, future);
    }

    /** Drops every view of these keys. */
    void invalidate(List<String> cacheKeys) {
        for (String cacheKey : cacheKeys) {
            Set<Entry> entries = entriesByKey.remove(cacheKey);
            if (entries != null) {
                cache.synchronous().invalidateAll(entries);
            }
        }
    }

    /** The loaded value of this entry, if present (tests and diagnostics). */
    Optional<Object> peek(Entry entry) {
        CompletableFuture<Stamped> f = cache.getIfPresent(entry);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join().value() : Optional.empty();
    }

    private void index(Entry entry) {
        entriesByKey.compute(entry.cacheKey(), (k, set) -> {
            Set<Entry> entries = set != null ? set : ConcurrentHashMap.newKeySet();
            entries.add(entry);
            return entries;
        });
    }

    private void unindex(Entry entry) {
        entriesByKey.computeIfPresent(entry.cacheKey(), (k, set) -> {
            set.remove(entry);
            return set.isEmpty() ? null : set;
        });
    }
}
