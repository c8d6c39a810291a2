package io.eventpipeline.read.query;

import io.eventpipeline.read.cache.CacheView;
import io.eventpipeline.read.cache.TieredCache;
import io.eventpipeline.schemas.CacheKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * The cached reads of one producer's data. The cache key of each read is the producer-scoped key the
 * projection-writer invalidates when it commits rows that change it ({@link CacheKeys}, which names the
 * producer first), so neither layer can ever hand one producer's entry to another; the field names the view
 * and its parameters, so every page of an aggregate's events goes with its key.
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

    public CompletableFuture<Optional<AggregateView>> aggregate(String producerId, String aggregateType, String aggregateId) {
        return cache.get(CacheKeys.aggregate(producerId, aggregateType, aggregateId), HEAD_FIELD, HEAD,
                () -> queries.aggregate(producerId, aggregateType, aggregateId));
    }

    public CompletableFuture<EventPage> events(String producerId, String aggregateType, String aggregateId, long fromVersion,
            int limit) {
        return cache.get(CacheKeys.aggregate(producerId, aggregateType, aggregateId), "events:" + fromVersion + ":" + limit,
                        EVENTS, () -> Optional.of(queries.events(producerId, aggregateType, aggregateId, fromVersion, limit)))
                .thenApply(Optional::orElseThrow);
    }

    public CompletableFuture<MemoryList> memories(String producerId, String userId, int limit) {
        return cache.get(CacheKeys.userMemories(producerId, userId), "list:" + limit, MEMORIES,
                        () -> Optional.of(queries.memories(producerId, userId, limit)))
                .thenApply(Optional::orElseThrow);
    }

    public CompletableFuture<Optional<MemoryView>> memory(String producerId, String memoryId) {
        return cache.get(CacheKeys.memory(producerId, memoryId), "one", MEMORY, () -> queries.memory(producerId, memoryId));
    }

    public CompletableFuture<Optional<McpContextView>> mcpContext(String producerId, String contextId) {
        return cache.get(CacheKeys.mcpContext(producerId, contextId), "one", MCP_CONTEXT,
                () -> queries.mcpContext(producerId, contextId));
    }

    /**
     * Not cached: the writer publishes no invalidation for "contexts of a tool", so a cached list could only
     * be as fresh as a TTL. The expression index keeps the query cheap.
     */
    public List<McpContextView> mcpContexts(String producerId, String tool, int limit) {
        return queries.mcpContexts(producerId, tool, limit);
    }

    /**
     * Not cached: no invalidation names "events containing X". The GIN index on the payload keeps it cheap and the
     * page is bounded by {@code limit}.
     */
    public EventMatches eventsContaining(String producerId, JsonNode contains, int limit) {
        return queries.eventsContaining(producerId, contains, limit);
    }

    /** Loads the {@code count} most recently updated stream heads (of every producer) into both layers. */
    public int warm(int count) {
        if (count <= 0) {
            return 0;
        }
        return cache.fill(() -> {
            Map<String, Map<String, AggregateView>> values = new LinkedHashMap<>();
            for (ReadQueries.OwnedHead owned : queries.recentlyUpdated(count)) {
                AggregateView a = owned.head();
                values.put(CacheKeys.aggregate(owned.producerId(), a.aggregateType(), a.aggregateId()), Map.of(HEAD_FIELD, a));
            }
            return values;
        }).join();
    }
}
