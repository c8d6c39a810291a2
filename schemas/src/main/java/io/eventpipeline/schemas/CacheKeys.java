package io.eventpipeline.schemas;

/**
 * The cache keys named on {@code cache.invalidations}: part of the wire contract between the
 * projection-writer, which publishes them after its commit, and every reader that caches
 * ({@code read-api}, downstream consumers). A key names one cached entry:
 * {@code aggregate:order/o-17} (stream head and events of an aggregate), {@code memory:m-1},
 * {@code memories:user:u-1} (a user's memory list), {@code mcp-context:c-1}.
 */
public final class CacheKeys {

    /** {@link CacheInvalidation#aggregate()} of a message about the memories projection. */
    public static final String MEMORIES_PROJECTION = "memories";
    /** {@link CacheInvalidation#aggregate()} of a message about the mcp_contexts projection. */
    public static final String MCP_CONTEXTS_PROJECTION = "mcp_contexts";

    private CacheKeys() {
    }

    public static String aggregate(String aggregateType, String aggregateId) {
        return aggregate(EventEnvelope.aggregateKey(aggregateType, aggregateId));
    }

    /** @param aggregateKey {@code aggregateType/aggregateId}, as {@link EventEnvelope#key()} */
    public static String aggregate(String aggregateKey) {
        return "aggregate:" + aggregateKey;
    }

    public static String memory(String memoryId) {
        return "memory:" + memoryId;
    }

    public static String userMemories(String userId) {
        return "memories:user:" + userId;
    }

    public static String mcpContext(String contextId) {
        return "mcp-context:" + contextId;
    }
}
