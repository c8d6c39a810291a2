package io.eventpipeline.read.cache;

import io.eventpipeline.read.cache.L1Views.Entry;
import io.eventpipeline.read.cache.L1Views.Stamped;
import io.eventpipeline.schemas.Json;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one view on an L1 miss: from L2 when it has it (an unreadable entry counts as a miss), else from the
 * loader (Postgres) on a virtual thread, writing the row to L2 unless an eviction of its key overtook the load.
 * Every value is stamped with the generation read before the load started.
 */
final class ViewLoader {

    private static final Logger log = LoggerFactory.getLogger(ViewLoader.class);

    private final RedisL2 l2;
    private final Generations generations;
    private final Executor loaders;
    private final CacheMetrics metrics;

    ViewLoader(RedisL2 l2, Generations generations, Executor loaders, CacheMetrics metrics) {
        this.l2 = l2;
        this.generations = generations;
        this.loaders = loaders;
        this.metrics = metrics;
    }

    <V> CompletableFuture<Stamped> load(Entry entry, CacheView<V> view, Supplier<Optional<V>> loader) {
        long generation = generations.current(entry.cacheKey());
        return l2.get(entry.cacheKey(), entry.field()).thenCompose(json -> {
            Optional<V> fromL2 = parse(json, view);
            if (fromL2.isPresent()) {
                metrics.request(view.name(), "l2", "hit");
                return CompletableFuture.completedFuture(new Stamped(Optional.of(fromL2.get()), generation));
            }
            metrics.request(view.name(), "l2", l2.isUsable() ? "miss" : "error");
            return CompletableFuture.supplyAsync(
                    () -> new Stamped(fromDatabase(entry, view, loader, generation), generation), loaders);
        });
    }

    private <V> Optional<Object> fromDatabase(Entry entry, CacheView<V> view, Supplier<Optional<V>> loader, long generation) {
        Optional<V> row = loader.get();
        metrics.request(view.name(), "db", row.isPresent() ? "hit" : "miss");
        if (row.isPresent()) {
            String json = Json.MAPPER.writeValueAsString(row.get());
            generations.whileCurrent(entry.cacheKey(), generation, () -> l2.put(entry.cacheKey(), entry.field(), json));
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
}
