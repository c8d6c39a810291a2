package io.eventpipeline.read.cache;

import io.eventpipeline.read.cache.L1Views.Entry;
import io.eventpipeline.read.cache.L1Views.Stamped;
import io.eventpipeline.schemas.Json;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Read-through cache in two layers: Caffeine L1 ({@link L1Views}) over Redis L2 ({@link RedisL2}) over a
 * loader (Postgres, {@link ViewLoader}). An L2 hit is promoted to L1; a miss loads once however many callers
 * wait for it and fills both layers. {@link #evict} drops every view of a cache key from both layers.
 *
 * <p>A load that overlapped an eviction of its key may have read the old row: its value still answers the
 * callers that asked before the eviction, but it is dropped from L1 and never written to L2
 * ({@link Generations} tell). Absent rows are cached in L1 only.
 */
public final class TieredCache {

    private final L1Views l1;
    private final RedisL2 l2;
    private final Generations generations = new Generations();
    private final ViewLoader loader;
    private final Executor loaders;
    private final CacheMetrics metrics;

    public TieredCache(int l1MaxEntries, Duration l1Ttl, RedisL2 l2, Executor loaders, MeterRegistry registry) {
        this.l1 = new L1Views(l1MaxEntries, l1Ttl, loaders, registry);
        this.l2 = l2;
        this.loaders = loaders;
        this.metrics = new CacheMetrics(registry);
        this.loader = new ViewLoader(l2, generations, loaders, metrics);
    }

    /**
     * The view {@code field} of {@code cacheKey}: from L1, else L2 (promoted), else {@code loader} (fills both).
     * Never older than an eviction of the key that completed before this call: an L1 value read before such
     * an eviction (its removal from L1 may still be on its way) is dropped and loaded again.
     */
    public <V> CompletableFuture<Optional<V>> get(String cacheKey, String field, CacheView<V> view, Supplier<Optional<V>> loader) {
        long asked = generations.current(cacheKey);
        Entry entry = new Entry(cacheKey, field);
        CompletableFuture<Stamped> first = lookup(entry, view, loader);
        CompletableFuture<Optional<Object>> value = first.thenCompose(stamped -> {
            if (stamped.generation() >= asked) {
                return CompletableFuture.completedFuture(stamped.value());
            }
            l1.remove(entry, first);
            // Loaded after `asked` was read, so it is at least as new as what this call may expect.
            return lookup(entry, view, loader).thenApply(Stamped::value);
        });
        @SuppressWarnings("unchecked")
        CompletableFuture<Optional<V>> typed = (CompletableFuture<Optional<V>>) (CompletableFuture<?>) value;
        return typed;
    }

    private <V> CompletableFuture<Stamped> lookup(Entry entry, CacheView<V> view, Supplier<Optional<V>> source) {
        boolean[] started = {false};
        CompletableFuture<Stamped> value = l1.get(entry, e -> {
            started[0] = true;
            return loader.load(e, view, source);
        });
        if (started[0]) {
            // After the future is in L1 (never inside Caffeine's compute): drops a value an eviction overtook.
            value.whenCompleteAsync((stamped, failure) -> {
                if (failure == null && generations.isOvertaken(entry.cacheKey(), stamped.generation())) {
                    l1.remove(entry, value);
                }
            }, loaders);
        }
        metrics.request(view.name(), "l1", started[0] ? "miss" : "hit");
        return value;
    }

    /**
     * Fills both layers with what {@code reader} reads (cache warming: cache key, then field, then value),
     * without counting a request; a key evicted while it was being read is skipped, its value may be older
     * than the eviction. Completes when Redis acknowledged; returns how many keys were filled.
     */
    public <V> CompletableFuture<Integer> fill(Supplier<Map<String, Map<String, V>>> reader) {
        Generations.Snapshot before = generations.snapshot();
        Map<String, Map<String, V>> values = reader.get();
        Map<String, Map<String, String>> json = new ConcurrentHashMap<>();
        values.forEach((cacheKey, fields) -> {
            if (before.isCurrent(cacheKey)) {
                fields.forEach((field, value) -> {
                    l1.put(new Entry(cacheKey, field), new Stamped(Optional.of(value), before.of(cacheKey)));
                    json.computeIfAbsent(cacheKey, k -> new ConcurrentHashMap<>()).put(field, Json.MAPPER.writeValueAsString(value));
                });
            }
        });
        return l2.putAll(json).thenApply(ignored -> json.size());
    }

    /**
     * Evicts every view of these keys from L2, then from L1; repeating it is harmless. L1 goes last: evicted
     * first, a read in between would find the old value still in L2 and promote it back into L1. The
     * generation moves before L2 (no load in flight writes the old value to L2 afterwards) and again before
     * L1 (a load that read L2 in between is dropped when it completes).
     */
    public CompletableFuture<Void> evict(List<String> cacheKeys) {
        generations.bump(cacheKeys);
        return l2.evict(cacheKeys).handle((ignored, failure) -> {
            // RedisL2 keeps a failed eviction pending and bypasses L2 meanwhile: L1 must go either way.
            generations.bump(cacheKeys);
            l1.invalidate(cacheKeys);
            metrics.evicted("l2", cacheKeys.size());
            metrics.evicted("l1", cacheKeys.size());
            return null;
        });
    }

    /** The L1 entry of this view, if present and loaded (tests and diagnostics). */
    public Optional<Object> peekL1(String cacheKey, String field) {
        return l1.peek(new Entry(cacheKey, field));
    }
}
