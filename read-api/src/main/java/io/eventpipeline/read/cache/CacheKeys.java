package io.eventpipeline.read.cache;

/**
 * The cache keys named on {@code cache.invalidations}. The format is the projection-writer's
 * ({@code io.eventpipeline.projection.invalidate.CacheKeys}); it lives in that module, which this one must not
 * depend on, so it is restated here and {@code CacheKeysTest} pins it: {@code aggregate:order/o-17} (stream head
 * and events of an aggregate), {@code memory:m-1}, {@code memories:user:u-1} (a user's memory list),
 * {@code mcp-context:c-1}.
 */
public final class CacheKeys {

    private CacheKeys() {
    }

    public static String aggregate(String aggregateType, String aggregateId) {
        return "aggregate:" + aggregateType + "/" + aggregateId;
    }

    public static String memory(String memoryId) {
        return "memory:" + memoryId;
    }

    public static String mcpContext(String contextId) {
        return "mcp-context:" + contextId;
    }

    public static String userMemories(String userId) {
        return "memories:user:" + userId;
    }
}
