package io.eventpipeline.sql.projection;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.least;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.sql.jooq.tables.Aggregates;
import io.eventpipeline.sql.jooq.tables.McpContexts;
import io.eventpipeline.sql.jooq.tables.Memories;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import tools.jackson.databind.JsonNode;

/**
 * How versioned events become rows of the read models: the one copy of this logic, used by the
 * projection-writer on the live tables and by {@code ./admin rebuild} on shadow tables.
 * Idempotent: replaying any prefix of a partition's events leaves the same rows. Every row belongs to the
 * event's producer (docs/decisions.md D1): producer B's event never reads or changes producer A's row,
 * even for the same aggregate, memory or context id. {@code aggregates} only moves forward (an upsert
 * guarded by {@code version <}), with keys sorted so two writers never lock the same rows in opposite
 * order; {@code memories} are inserted once and soft-deleted by {@code deleted_at}; {@code mcp_contexts}
 * keep the newest payload.
 */
public final class Projections {

    public static final String MEMORY_CREATED = "memory.created";
    public static final String MEMORY_DELETED = "memory.deleted";
    public static final String MCP_CONTEXT_RECORDED = "mcp.context.recorded";

    private final Aggregates aggregates;
    private final Memories memories;
    private final McpContexts contexts;

    public Projections(ProjectionTables tables) {
        this.aggregates = tables.aggregates();
        this.memories = tables.memories();
        this.contexts = tables.mcpContexts();
    }

    /** Applies events (each with its version) in their Kafka order, on the caller's transaction. */
    public void apply(DSLContext tx, List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        upsertAggregates(tx, events);
        insertMemories(tx, events);
        softDeleteMemories(tx, events);
        upsertMcpContexts(tx, events);
    }

    private void upsertAggregates(DSLContext tx, List<EventEnvelope> events) {
        record Head(EventEnvelope last, long count) {
        }
        // Sorted keys: two connections upserting overlapping aggregates then lock rows in the same order.
        Map<String, Head> heads = new TreeMap<>();
        for (EventEnvelope event : events) {
            heads.merge(ownedKey(event.producerId(), event.key()), new Head(event, 1),
                    (a, b) -> new Head(b.last().version() >= a.last().version() ? b.last() : a.last(), a.count() + b.count()));
        }
        Aggregates t = aggregates;
        var insert = tx.insertInto(t, t.PRODUCER_ID, t.AGGREGATE_TYPE, t.AGGREGATE_ID, t.VERSION, t.LAST_EVENT_ID,
                t.LAST_EVENT_TYPE, t.EVENT_COUNT);
        for (Head head : heads.values()) {
            EventEnvelope e = head.last();
            insert = insert.values(e.producerId(), e.aggregateType(), e.aggregateId(), e.version(), e.eventId(),
                    e.eventType(), head.count());
        }
        // Versions are gapless, so of the batch's events exactly (new version - stored version) are new,
        // which keeps event_count right when a batch overlaps what is stored.
        insert.onConflict(t.PRODUCER_ID, t.AGGREGATE_TYPE, t.AGGREGATE_ID)
                .doUpdate()
                .set(t.VERSION, excluded(t.VERSION))
                .set(t.LAST_EVENT_ID, excluded(t.LAST_EVENT_ID))
                .set(t.LAST_EVENT_TYPE, excluded(t.LAST_EVENT_TYPE))
                .set(t.EVENT_COUNT, t.EVENT_COUNT.plus(least(excluded(t.EVENT_COUNT), excluded(t.VERSION).minus(t.VERSION))))
                .set(t.UPDATED_AT, currentOffsetDateTime())
                .where(t.VERSION.lt(excluded(t.VERSION)))
                .execute();
    }

    private void insertMemories(DSLContext tx, List<EventEnvelope> events) {
        record Memory(String producerId, String id, String userId, String content, OffsetDateTime createdAt) {
        }
        Map<String, Memory> firstById = new TreeMap<>();
        for (EventEnvelope e : events) {
            String key = ownedKey(e.producerId(), e.aggregateId());
            if (e.eventType().equals(MEMORY_CREATED) && !firstById.containsKey(key)) {
                JsonNode payload = payload(e);
                firstById.put(key, new Memory(e.producerId(), e.aggregateId(), requiredText(payload, "userId", e),
                        payload.path("content").asString(null), at(e.createdAt())));
            }
        }
        if (firstById.isEmpty()) {
            return;
        }
        Memories t = memories;
        var insert = tx.insertInto(t, t.PRODUCER_ID, t.MEMORY_ID, t.USER_ID, t.CONTENT, t.CREATED_AT);
        for (Memory m : firstById.values()) {
            insert = insert.values(m.producerId(), m.id(), m.userId(), m.content(), m.createdAt());
        }
        insert.onConflictDoNothing().execute();
    }

    private void softDeleteMemories(DSLContext tx, List<EventEnvelope> events) {
        List<Query> deletes = new ArrayList<>();
        for (EventEnvelope e : events) {
            if (e.eventType().equals(MEMORY_DELETED)) {
                deletes.add(tx.update(memories)
                        .set(memories.DELETED_AT, at(e.createdAt()))
                        .where(memories.PRODUCER_ID.eq(e.producerId()))
                        .and(memories.MEMORY_ID.eq(e.aggregateId()))
                        .and(memories.DELETED_AT.isNull()));
            }
        }
        if (!deletes.isEmpty()) {
            tx.batch(deletes).execute();
        }
    }

    private void upsertMcpContexts(DSLContext tx, List<EventEnvelope> events) {
        record Context(EventEnvelope newest, Instant firstCreatedAt) {
        }
        Map<String, Context> byId = new TreeMap<>();
        for (EventEnvelope e : events) {
            if (e.eventType().equals(MCP_CONTEXT_RECORDED)) {
                byId.merge(ownedKey(e.producerId(), e.aggregateId()), new Context(e, e.createdAt()),
                        (a, b) -> new Context(b.newest().version() >= a.newest().version() ? b.newest() : a.newest(),
                                a.firstCreatedAt()));
            }
        }
        if (byId.isEmpty()) {
            return;
        }
        McpContexts t = contexts;
        var insert = tx.insertInto(t, t.PRODUCER_ID, t.CONTEXT_ID, t.DATA, t.CREATED_AT);
        // created_at is the first recording's: an update keeps it, so it never depends on how events were batched
        for (Context c : byId.values()) {
            EventEnvelope e = c.newest();
            insert = insert.values(e.producerId(), e.aggregateId(), JSONB.valueOf(e.payload()), at(c.firstCreatedAt()));
        }
        insert.onConflict(t.PRODUCER_ID, t.CONTEXT_ID).doUpdate().set(t.DATA, excluded(t.DATA)).execute();
    }

    /** A map key unique per producer; U+0000 never occurs in stored text, so it cannot be forged by an id. */
    private static String ownedKey(String producerId, String id) {
        return producerId + '\u0000' + id;
    }

    private static JsonNode payload(EventEnvelope event) {
        return Json.MAPPER.readTree(event.payload());
    }

    private static String requiredText(JsonNode payload, String field, EventEnvelope event) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new ProjectionDataException(event.eventType() + " needs a string payload." + field);
        }
        return value.asString();
    }

    /** An instant as the {@code timestamptz} value jOOQ binds, in UTC. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
