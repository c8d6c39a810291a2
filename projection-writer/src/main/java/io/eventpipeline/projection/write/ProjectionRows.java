package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.ProjectionDataException;
import io.eventpipeline.projection.batch.LogEvent;
import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import tools.jackson.databind.JsonNode;

/**
 * Applies a batch to the read models, idempotently: replaying any prefix of a partition's events leaves
 * the same rows. Every row belongs to the event's producer (docs/decisions.md D1): producer B's event
 * never reads or changes producer A's row, even for the same aggregate, memory or context id.
 * {@code aggregates} only moves forward (an upsert guarded by {@code version <}), with keys sorted so two
 * writers never lock the same rows in opposite order; {@code memories} are inserted once and
 * soft-deleted by {@code deleted_at}; {@code mcp_contexts} keep the newest payload.
 */
final class ProjectionRows {

    static final String MEMORY_CREATED = "memory.created";
    static final String MEMORY_DELETED = "memory.deleted";
    static final String MCP_CONTEXT_RECORDED = "mcp.context.recorded";

    void apply(DSLContext tx, List<LogEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        upsertAggregates(tx, events);
        insertMemories(tx, events);
        softDeleteMemories(tx, events);
        upsertMcpContexts(tx, events);
    }

    private void upsertAggregates(DSLContext tx, List<LogEvent> events) {
        record Head(LogEvent last, long count) {
        }
        // Sorted keys: two connections upserting overlapping aggregates then lock rows in the same order.
        Map<String, Head> heads = new TreeMap<>();
        for (LogEvent event : events) {
            heads.merge(ownedKey(event.envelope().producerId(), event.envelope().key()), new Head(event, 1),
                    (a, b) -> new Head(b.last().version() >= a.last().version() ? b.last() : a.last(), a.count() + b.count()));
        }
        var insert = tx.insertInto(AGGREGATES, AGGREGATES.PRODUCER_ID, AGGREGATES.AGGREGATE_TYPE, AGGREGATES.AGGREGATE_ID,
                AGGREGATES.VERSION, AGGREGATES.LAST_EVENT_ID, AGGREGATES.LAST_EVENT_TYPE, AGGREGATES.EVENT_COUNT);
        for (Head head : heads.values()) {
            EventEnvelope e = head.last().envelope();
            insert = insert.values(e.producerId(), e.aggregateType(), e.aggregateId(), head.last().version(), e.eventId(),
                    e.eventType(), head.count());
        }
        // Versions are gapless, so of the batch's events exactly (new version - stored version) are new,
        // which keeps event_count right when a batch overlaps what is stored.
        insert.onConflict(AGGREGATES.PRODUCER_ID, AGGREGATES.AGGREGATE_TYPE, AGGREGATES.AGGREGATE_ID)
                .doUpdate()
                .set(AGGREGATES.VERSION, excluded(AGGREGATES.VERSION))
                .set(AGGREGATES.LAST_EVENT_ID, excluded(AGGREGATES.LAST_EVENT_ID))
                .set(AGGREGATES.LAST_EVENT_TYPE, excluded(AGGREGATES.LAST_EVENT_TYPE))
                .set(AGGREGATES.EVENT_COUNT, AGGREGATES.EVENT_COUNT.plus(
                        least(excluded(AGGREGATES.EVENT_COUNT), excluded(AGGREGATES.VERSION).minus(AGGREGATES.VERSION))))
                .set(AGGREGATES.UPDATED_AT, currentOffsetDateTime())
                .where(AGGREGATES.VERSION.lt(excluded(AGGREGATES.VERSION)))
                .execute();
    }

    private void insertMemories(DSLContext tx, List<LogEvent> events) {
        record Memory(String producerId, String id, String userId, String content, OffsetDateTime createdAt) {
        }
        Map<String, Memory> firstById = new TreeMap<>();
        for (LogEvent event : events) {
            EventEnvelope e = event.envelope();
            String key = ownedKey(e.producerId(), e.aggregateId());
            if (e.eventType().equals(MEMORY_CREATED) && !firstById.containsKey(key)) {
                JsonNode payload = payload(event);
                firstById.put(key, new Memory(e.producerId(), e.aggregateId(), requiredText(payload, "userId", event),
                        payload.path("content").asString(null), EventRows.at(e.createdAt())));
            }
        }
        if (firstById.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(MEMORIES, MEMORIES.PRODUCER_ID, MEMORIES.MEMORY_ID, MEMORIES.USER_ID, MEMORIES.CONTENT,
                MEMORIES.CREATED_AT);
        for (Memory m : firstById.values()) {
            insert = insert.values(m.producerId(), m.id(), m.userId(), m.content(), m.createdAt());
        }
        insert.onConflictDoNothing().execute();
    }

    private void softDeleteMemories(DSLContext tx, List<LogEvent> events) {
        List<Query> deletes = new ArrayList<>();
        for (LogEvent event : events) {
            if (event.envelope().eventType().equals(MEMORY_DELETED)) {
                deletes.add(tx.update(MEMORIES)
                        .set(MEMORIES.DELETED_AT, EventRows.at(event.envelope().createdAt()))
                        .where(MEMORIES.PRODUCER_ID.eq(event.envelope().producerId()))
                        .and(MEMORIES.MEMORY_ID.eq(event.envelope().aggregateId()))
                        .and(MEMORIES.DELETED_AT.isNull()));
            }
        }
        if (!deletes.isEmpty()) {
            tx.batch(deletes).execute();
        }
    }

    private void upsertMcpContexts(DSLContext tx, List<LogEvent> events) {
        Map<String, LogEvent> newest = new TreeMap<>();
        for (LogEvent event : events) {
            if (event.envelope().eventType().equals(MCP_CONTEXT_RECORDED)) {
                newest.merge(ownedKey(event.envelope().producerId(), event.envelope().aggregateId()), event,
                        (a, b) -> b.version() >= a.version() ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(MCP_CONTEXTS, MCP_CONTEXTS.PRODUCER_ID, MCP_CONTEXTS.CONTEXT_ID, MCP_CONTEXTS.DATA,
                MCP_CONTEXTS.CREATED_AT);
        for (LogEvent event : newest.values()) {
            EventEnvelope e = event.envelope();
            insert = insert.values(e.producerId(), e.aggregateId(), JSONB.valueOf(e.payload()), EventRows.at(e.createdAt()));
        }
        insert.onConflict(MCP_CONTEXTS.PRODUCER_ID, MCP_CONTEXTS.CONTEXT_ID).doUpdate()
                .set(MCP_CONTEXTS.DATA, excluded(MCP_CONTEXTS.DATA)).execute();
    }

    /** A map key unique per producer; U+0000 never occurs in stored text, so it cannot be forged by an id. */
    private static String ownedKey(String producerId, String id) {
        return producerId + '\u0000' + id;
    }

    static JsonNode payload(LogEvent event) {
        return Json.MAPPER.readTree(event.envelope().payload());
    }

    private static String requiredText(JsonNode payload, String field, LogEvent event) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new ProjectionDataException(event.envelope().eventType() + " needs a string payload." + field);
        }
        return value.asString();
    }
}
