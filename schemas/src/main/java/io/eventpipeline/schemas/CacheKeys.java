package io.eventpipeline.schemas;

/**
 * The cache keys named on {@code cache.invalidations}: part of the wire contract between the
 * projection-writer, which publishes them after its commit, and every reader that caches
 * ({@code read-api}, downstream consumers). A key names one cached entry of one producer (tenant,
 * docs/decisions.md D1), the producer id first after the kind: {@code aggregate:p1/order/o-17} (stream
 * head and events of an aggregate), {@code memory:p1/m-1}, {@code memories:user:p1/u-1} (a user's memory
 * list), {@code mcp-context:p1/c-1}. A producer id holds no '/' or ':', so no two keys collide.
 */
public final class CacheKeys {

    /** {@link CacheInvalidation#aggregate()} of a message about the memories projection. */
    public static final String MEMORIES_PROJECTION = "memories";
    /** {@link CacheInvalidation#aggregate()} of a message about the mcp_contexts projection. */
    public static final String MCP_CONTEXTS_PROJECTION = "mcp_contexts";

    private CacheKeys() {
    }

    public static String aggregate(String producerId, String aggregateType, String aggregateId) {
        return aggregate(EventEnvelope.aggregateKey(producerId, aggregateType, aggregateId));
    }

    /** @param aggregateKey {@code producerId/aggregateType/aggregateId}, as {@link EventEnvelope#key()} */
    public static String aggregate(String aggregateKey) {
        return "aggregate:" + aggregateKey;
    }

    public static String memory(String producerId, String memoryId) {
        return "memory:" + producerId + "/" + memoryId;
    }

    public static String userMemories(String producerId, String userId) {
        return "memories:user:" + producerId + "/" + userId;
    }

    public static String mcpContext(String producerId, String contextId) {
        return "mcp-context:" + producerId + "/" + contextId;
    }

    /**
     * The key without a producer, as before D1.
     *
     * @deprecated unscoped: kept only so the read-api compiles until it scopes its reads by the caller's
     *     producer; the writer no longer publishes keys of this form.
     */
    @Deprecated(forRemoval = true)
    public static String aggregate(String aggregateType, String aggregateId) {
        return aggregate(aggregateType + "/" + aggregateId);
    }

    /** @deprecated unscoped, see {@link #aggregate(String, String)}. */
    @Deprecated(forRemoval = true)
    public static String memory(String memoryId) {
        return "memory:" + memoryId;
    }

    /** @deprecated unscoped, see {@link #aggregate(String, String)}. */
    @Deprecated(forRemoval = true)
    public static String userMemories(String userId) {
        return "memories:user:" + userId;
    }

    /** @deprecated unscoped, see {@link #aggregate(String, String)}. */
    @Deprecated(forRemoval = true)
    public static String mcpContext(String contextId) {
        return "mcp-context:" + contextId;
    }
}
