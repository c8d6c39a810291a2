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
 * deterministic), carrying the newest version that touched it and that event's {@code traceparent}. Pure: no I/O.
 */
public final class InvalidationPlanner {

    private InvalidationPlanner() {
    }

    public static List<PlannedInvalidation> plan(List<LogEvent> written, Instant committedAt) {
        Map<String, Touch> byKey = new TreeMap<>();
        for (LogEvent event : written) {
            EventEnvelope e = event.envelope();
            touch(byKey, CacheKeys.aggregate(e.key()), e.key(), event);
            switch (e.eventType()) {
                case "memory.created", "memory.deleted" -> {
                    touch(byKey, CacheKeys.memory(e.producerId(), e.aggregateId()), CacheKeys.MEMORIES_PROJECTION, event);
                    String userId = userIdOf(e);
                    if (userId != null) {
                        touch(byKey, CacheKeys.userMemories(e.producerId(), userId), CacheKeys.MEMORIES_PROJECTION, event);
                    }
                }
                case "mcp.context.recorded" ->
                        touch(byKey, CacheKeys.mcpContext(e.producerId(), e.aggregateId()), CacheKeys.MCP_CONTEXTS_PROJECTION,
                                event);
                default -> {
                    // other event types only move the aggregate's stream head
                }
            }
        }
        List<PlannedInvalidation> messages = new ArrayList<>(byKey.size());
        byKey.forEach((key, touch) -> messages.add(new PlannedInvalidation(new CacheInvalidation(List.of(key),
                touch.aggregate(), touch.version(), committedAt), touch.traceparent())));
        return messages;
    }

    private static void touch(Map<String, Touch> byKey, String key, String aggregate, LogEvent event) {
        byKey.merge(key, new Touch(aggregate, event.version(), event.traceparent()), InvalidationPlanner::newest);
    }

    private record Touch(String aggregate, long version, String traceparent) {
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
