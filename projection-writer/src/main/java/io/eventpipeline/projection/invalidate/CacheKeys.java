package io.eventpipeline.projection.invalidate;

/**
 * The cache keys the read side uses, one place for both sides. A key names one cached entry:
 * {@code aggregate:order/o-17} (stream head and events of an aggregate), {@code memory:m-1},
 * {@code memories:user:u-1} (a user's memory list), {@code mcp-context:c-1}.
 */
public final class CacheKeys {

    public static final String MEMORIES_PROJECTION = "memories";
    public static final String MCP_CONTEXTS_PROJECTION = "mcp_contexts";

    private CacheKeys() {
    }

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
