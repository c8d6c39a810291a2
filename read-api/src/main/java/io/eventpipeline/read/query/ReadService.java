package io.eventpipeline.read.query;

import io.eventpipeline.read.cache.CacheView;
import io.eventpipeline.read.cache.TieredCache;
import io.eventpipeline.schemas.CacheKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cached reads. The cache key of each read is the one the projection-writer invalidates when it commits
 * rows that change it; the field names the view and its parameters, so every page of an aggregate's events
 * goes with its key.
 */
public final class ReadService {

    public static final String HEAD_FIELD = "head";
    static final CacheView<AggregateView> HEAD = new CacheView<>("head", AggregateView.class);
    static final CacheView<EventPage> EVENTS = new CacheView<>("events", EventPage.class);
    static final CacheView<MemoryList> MEMORIES = new CacheView<>("memories", MemoryList.class);
    static final CacheView<MemoryView> MEMORY = new CacheView<>("memory", MemoryView.class);
    static final CacheView<McpContextView> MCP_CONTEXT = new CacheView<>("mcp-context", McpContextView.class);

    private final TieredCache cache;
    private final ReadQueries queries;

    public ReadService(TieredCache cache, ReadQueries queries) {
        this.cache = cache;
        this.queries = queries;
    }

    public CompletableFuture<Optional<AggregateView>> aggregate(String aggregateType, String aggregateId) {
        return cache.get(CacheKeys.aggregate(aggregateType, aggregateId), HEAD_FIELD, HEAD,
                () -> queries.aggregate(aggregateType, aggregateId));
    }

    public CompletableFuture<EventPage> events(String aggregateType, String aggregateId, long fromVersion, int limit) {
        return cache.get(CacheKeys.aggregate(aggregateType, aggregateId), "events:" + fromVersion + ":" + limit, EVENTS,
                        () -> Optional.of(queries.events(aggregateType, aggregateId, fromVersion, limit)))
                .thenApply(Optional::orElseThrow);
    }

    public CompletableFuture<MemoryList> memories(String userId, int limit) {
        return cache.get(CacheKeys.userMemories(userId), "list:" + limit, MEMORIES,
                        () -> Optional.of(queries.memories(userId, limit)))
                .thenApply(Optional::orElseThrow);
    }

    public CompletableFuture<Optional<MemoryView>> memory(String memoryId) {
        return cache.get(CacheKeys.memory(memoryId), "one", MEMORY, () -> queries.memory(memoryId));
    }

    public CompletableFuture<Optional<McpContextView>> mcpContext(String contextId) {
        return cache.get(CacheKeys.mcpContext(contextId), "one", MCP_CONTEXT, () -> queries.mcpContext(contextId));
    }

    /**
     * Not cached: the writer publishes no invalidation for "contexts of a tool", so a cached list could only
     * be as fresh as a TTL. The expression index keeps the query cheap.
     */
    public List<McpContextView> mcpContexts(String tool, int limit) {
        return queries.mcpContexts(tool, limit);
    }

    /** Loads the {@code count} most recently updated stream heads into both layers; returns how many. */
    public int warm(int count) {
        if (count <= 0) {
            return 0;
        }
        return cache.fill(() -> {
            Map<String, Map<String, AggregateView>> values = new LinkedHashMap<>();
            for (AggregateView a : queries.recentlyUpdated(count)) {
                values.put(CacheKeys.aggregate(a.aggregateType(), a.aggregateId()), Map.of(HEAD_FIELD, a));
            }
            return values;
        }).join();
    }
}
