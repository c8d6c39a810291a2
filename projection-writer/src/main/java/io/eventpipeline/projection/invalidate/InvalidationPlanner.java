package io.eventpipeline.projection.invalidate;

import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.CacheKeys;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Derives from the events a batch wrote one invalidation per touched cache key (key order, so output is
 * deterministic), carrying the newest version that touched it. Pure: no I/O.
 */
public final class InvalidationPlanner {

    private InvalidationPlanner() {
    }

    public static List<CacheInvalidation> plan(List<LogEvent> written, Instant committedAt) {
        Map<String, Touch> byKey = new TreeMap<>();
        for (LogEvent event : written) {
            EventEnvelope e = event.envelope();
            long version = event.version();
            byKey.merge(CacheKeys.aggregate(e.key()), new Touch(e.key(), version), InvalidationPlanner::newest);
            switch (e.eventType()) {
                case "memory.created", "memory.deleted" -> {
                    byKey.merge(CacheKeys.memory(e.producerId(), e.aggregateId()), new Touch(CacheKeys.MEMORIES_PROJECTION, version),
                            InvalidationPlanner::newest);
                    String userId = userIdOf(e);
                    if (userId != null) {
                        byKey.merge(CacheKeys.userMemories(e.producerId(), userId), new Touch(CacheKeys.MEMORIES_PROJECTION, version),
                                InvalidationPlanner::newest);
                    }
                }
                case "mcp.context.recorded" -> byKey.merge(CacheKeys.mcpContext(e.producerId(), e.aggregateId()),
                        new Touch(CacheKeys.MCP_CONTEXTS_PROJECTION, version), InvalidationPlanner::newest);
                default -> {
                    // other event types only move the aggregate's stream head
                }
            }
        }
        List<CacheInvalidation> messages = new ArrayList<>(byKey.size());
        byKey.forEach((key, touch) -> messages.add(new CacheInvalidation(List.of(key), touch.aggregate(), touch.version(),
                committedAt)));
        return messages;
    }

    private record Touch(String aggregate, long version) {
    }

    private static Touch newest(Touch a, Touch b) {
        return b.version() >= a.version() ? b : a;
    }

    private static String userIdOf(EventEnvelope e) {
        try {
            JsonNode userId = Json.MAPPER.readTree(e.payload()).get("userId");
            return userId != null && userId.isString() ? userId.asString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
