package io.eventpipeline.read.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.eventpipeline.schemas.Json;
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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-through cache in two layers: Caffeine L1 (bounded, short TTL) over Redis L2 over a loader (Postgres).
 * An L2 hit is promoted to L1; a miss loads once however many callers wait for it (the L1 holds the
 * in-flight future) and fills both layers. {@link #evict} drops every view of a cache key from both layers.
 *
 * <p>A load that overlapped an eviction of its key may have read the old row: its value still answers the
 * callers that asked before the eviction, but it is dropped from L1 and never written to L2 (a per-key
 * generation, striped, tells). Absent rows are cached in L1 only.
 */
public final class TieredCache {

    private static final Logger log = LoggerFactory.getLogger(TieredCache.class);
    private static final int STRIPES = 4096;

    /** One cached view: {@code field} of the invalidation key {@code cacheKey}. */
    record Entry(String cacheKey, String field) {
    }

    /** A value with the eviction generation of its key taken before it was read. */
    record Stamped(Optional<Object> value, long generation) {
    }

    private final AsyncCache<Entry, Stamped> l1;
    private final Map<String, Set<Entry>> entriesByKey = new ConcurrentHashMap<>();
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    /**
     * Orders a load's "not overtaken, so write L2" against an eviction's generation bump: a write that
     * passed the check is issued (on the one Redis connection) before the eviction's delete, never after.
     */
    private final Object[] writeLocks = new Object[STRIPES];
    private final RedisL2 l2;
    private final Executor loaders;
    private final CacheMetrics metrics;

    public TieredCache(int l1MaxEntries, Duration l1Ttl, RedisL2 l2, Executor loaders, MeterRegistry registry) {
        this.l1 = Caffeine.newBuilder()
                .maximumSize(l1MaxEntries)
                .expireAfterWrite(l1Ttl)
                .executor(loaders)
                .recordStats()
                // Synchronous with the removal (size or expiry), so it cannot race a load re-indexing the same entry.
                .evictionListener((Entry entry, Stamped value, RemovalCause cause) -> {
                    if (entry != null) {
                        unindex(entry);
                    }
                })
                .buildAsync();
        for (int i = 0; i < STRIPES; i++) {
            writeLocks[i] = new Object();
        }
        this.l2 = l2;
        this.loaders = loaders;
        this.metrics = new CacheMetrics(registry);
        CaffeineCacheMetrics.monitor(registry, l1, "read-l1");
    }

    /**
     * The view {@code field} of {@code cacheKey}: from L1, else L2 (promoted), else {@code loader} (fills both).
     * Never older than an eviction of the key that completed before this call: an L1 value read before such
     * an eviction (its removal from L1 may still be on its way) is dropped and loaded again.
     */
    public <V> CompletableFuture<Optional<V>> get(String cacheKey, String field, CacheView<V> view, Supplier<Optional<V>> loader) {
        long asked = generations.get(stripe(cacheKey));
        Entry entry = new Entry(cacheKey, field);
        CompletableFuture<Stamped> first = lookup(entry, view, loader);
        CompletableFuture<Optional<Object>> value = first.thenCompose(stamped -> {
            if (stamped.generation() >= asked) {
                return CompletableFuture.completedFuture(stamped.value());
            }
            l1.asMap().remove(entry, first);
            // Loaded after `asked` was read, so it is at least as new as what this call may expect.
            return lookup(entry, view, loader).thenApply(Stamped::value);
        });
        @SuppressWarnings("unchecked")
        CompletableFuture<Optional<V>> typed = (CompletableFuture<Optional<V>>) (CompletableFuture<?>) value;
        return typed;
    }

    private <V> CompletableFuture<Stamped> lookup(Entry entry, CacheView<V> view, Supplier<Optional<V>> loader) {
        boolean[] started = {false};
        CompletableFuture<Stamped> value = l1.get(entry, (e, executor) -> {
            started[0] = true;
            index(e);
            return load(e, view, loader);
        });
        metrics.request(view.name(), "l1", started[0] ? "miss" : "hit");
        return value;
    }

    /** The eviction generations now; pass it to {@link #putAll} with values read after taking it. */
    public long[] generationsSnapshot() {
        long[] snapshot = new long[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            snapshot[i] = generations.get(i);
        }
        return snapshot;
    }

    /**
     * Puts values read after {@code snapshot} was taken (cache warming) into both layers, without counting a
     * request; a key evicted since the snapshot is skipped, its value may be older than the eviction.
     */
    public <V> CompletableFuture<Void> putAll(Map<String, Map<String, V>> valuesByKey, long[] snapshot) {
        Map<String, Map<String, String>> json = new ConcurrentHashMap<>();
        valuesByKey.forEach((cacheKey, fields) -> fields.forEach((field, value) -> {
            if (generations.get(stripe(cacheKey)) != snapshot[stripe(cacheKey)]) {
                return;
            }
            Entry entry = new Entry(cacheKey, field);
            index(entry);
            l1.put(entry, CompletableFuture.completedFuture(new Stamped(Optional.of(value), snapshot[stripe(cacheKey)])));
            json.computeIfAbsent(cacheKey, k -> new ConcurrentHashMap<>()).put(field, Json.MAPPER.writeValueAsString(value));
        }));
        return l2.putAll(json);
    }

    /**
     * Evicts every view of these keys from L2, then from L1; repeating it is harmless. L1 goes last: evicted
     * first, a read in between would find the old value still in L2 and promote it back into L1. The
     * generation moves before L2 (no load in flight writes the old value to L2 afterwards) and again before
     * L1 (a load that read L2 in between is dropped when it completes).
     */
    public CompletableFuture<Void> evict(List<String> cacheKeys) {
        bumpGenerations(cacheKeys);
        return l2.evict(cacheKeys).handle((ignored, failure) -> {
            // RedisL2 keeps a failed eviction pending and bypasses L2 meanwhile: L1 must go either way.
            bumpGenerations(cacheKeys);
            for (String cacheKey : cacheKeys) {
                Set<Entry> entries = entriesByKey.remove(cacheKey);
                if (entries != null) {
                    l1.synchronous().invalidateAll(entries);
                }
            }
            metrics.evicted("l2", cacheKeys.size());
            metrics.evicted("l1", cacheKeys.size());
            return null;
        });
    }

    private void bumpGenerations(List<String> cacheKeys) {
        for (String cacheKey : cacheKeys) {
            int stripe = stripe(cacheKey);
            synchronized (writeLocks[stripe]) {
                generations.incrementAndGet(stripe);
            }
        }
    }

    /** The L1 entry of this view, if present and loaded (tests and diagnostics). */
    public Optional<Object> peekL1(String cacheKey, String field) {
        CompletableFuture<Stamped> f = l1.getIfPresent(new Entry(cacheKey, field));
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join().value() : Optional.empty();
    }

    private <V> CompletableFuture<Stamped> load(Entry entry, CacheView<V> view, Supplier<Optional<V>> loader) {
        long generation = generations.get(stripe(entry.cacheKey()));
        CompletableFuture<Stamped> loaded = l2.get(entry.cacheKey(), entry.field())
                .thenCompose(json -> {
                    Optional<V> fromL2 = parse(json, view);
                    if (fromL2.isPresent()) {
                        metrics.request(view.name(), "l2", "hit");
                        return CompletableFuture.completedFuture(new Stamped(Optional.of(fromL2.get()), generation));
                    }
                    metrics.request(view.name(), "l2", l2.isUsable() ? "miss" : "error");
                    return CompletableFuture.supplyAsync(
                            () -> new Stamped(fromDatabase(entry, view, loader, generation), generation), loaders);
                });
        // Runs after the future is in the map (never inside Caffeine's compute): drops a value an eviction overtook.
        loaded.whenCompleteAsync((value, failure) -> {
            if (failure == null && isOvertaken(entry, generation)) {
                l1.asMap().remove(entry, loaded);
            }
        }, loaders);
        return loaded;
    }

    private <V> Optional<Object> fromDatabase(Entry entry, CacheView<V> view, Supplier<Optional<V>> loader, long generation) {
        Optional<V> row = loader.get();
        metrics.request(view.name(), "db", row.isPresent() ? "hit" : "miss");
        if (row.isPresent()) {
            String json = Json.MAPPER.writeValueAsString(row.get());
            synchronized (writeLocks[stripe(entry.cacheKey())]) {
                if (!isOvertaken(entry, generation)) {
                    l2.put(entry.cacheKey(), entry.field(), json);
                }
            }
        }
        return row.map(v -> v);
    }

    private <V> Optional<V> parse(String json, CacheView<V> view) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(json, view.type()));
        } catch (RuntimeException unreadable) {
            // An entry written by an older version of the view: treat as a miss, the load overwrites it.
            log.warn("unreadable L2 entry for view {}: {}", view.name(), unreadable.getMessage());
            return Optional.empty();
        }
    }

    private boolean isOvertaken(Entry entry, long generation) {
        return generations.get(stripe(entry.cacheKey())) != generation;
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

    private static int stripe(String cacheKey) {
        return (cacheKey.hashCode() & 0x7fffffff) % STRIPES;
    }
}
