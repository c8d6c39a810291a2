package io.eventpipeline.read.support;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.EVENTS;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** Rows of one producer, written as the projection-writer writes them (through jOOQ, same keys and upserts). */
public final class Rows {

    private final DSLContext dsl;
    private final String producer;

    Rows(DSLContext dsl, String producer) {
        this.dsl = dsl;
        this.producer = producer;
    }

    /** Upserts a stream head as the writer's projection does. */
    public Rows putAggregate(String type, String id, long version, String lastEventType, Instant updatedAt) {
        OffsetDateTime at = OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC);
        dsl.insertInto(AGGREGATES).set(AGGREGATES.PRODUCER_ID, producer)
                .set(AGGREGATES.AGGREGATE_TYPE, type).set(AGGREGATES.AGGREGATE_ID, id).set(AGGREGATES.VERSION, version)
                .set(AGGREGATES.LAST_EVENT_ID, UUID.randomUUID()).set(AGGREGATES.LAST_EVENT_TYPE, lastEventType)
                .set(AGGREGATES.EVENT_COUNT, version).set(AGGREGATES.UPDATED_AT, at)
                .onConflict(AGGREGATES.PRODUCER_ID, AGGREGATES.AGGREGATE_TYPE, AGGREGATES.AGGREGATE_ID).doUpdate()
                .set(AGGREGATES.VERSION, version).set(AGGREGATES.LAST_EVENT_TYPE, lastEventType)
                .set(AGGREGATES.EVENT_COUNT, version).set(AGGREGATES.UPDATED_AT, at)
                .execute();
        return this;
    }

    public Rows putEvent(String type, String id, long version, String eventType, String payloadJson) {
        return putEventAt(type, id, version, eventType, payloadJson, Instant.now());
    }

    /** An event stored at {@code createdAt} (its month's partition is made when missing). */
    public Rows putEventAt(String type, String id, long version, String eventType, String payloadJson, Instant createdAt) {
        OffsetDateTime at = OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        dsl.execute("SELECT ensure_events_partition({0})", DSL.val(at.toLocalDate()));
        dsl.insertInto(EVENTS).set(EVENTS.PRODUCER_ID, producer)
                .set(EVENTS.EVENT_ID, UUID.randomUUID()).set(EVENTS.AGGREGATE_TYPE, type).set(EVENTS.AGGREGATE_ID, id)
                .set(EVENTS.EVENT_VERSION, version).set(EVENTS.EVENT_TYPE, eventType).set(EVENTS.OCCURRED_AT, at)
                .set(EVENTS.CREATED_AT, at).set(EVENTS.EVENT_DATA, JSONB.valueOf(payloadJson))
                .set(EVENTS.METADATA, JSONB.valueOf("{}"))
                .execute();
        return this;
    }

    public Rows putMemory(String memoryId, String userId, String content, Instant createdAt) {
        dsl.insertInto(MEMORIES).set(MEMORIES.PRODUCER_ID, producer).set(MEMORIES.MEMORY_ID, memoryId)
                .set(MEMORIES.USER_ID, userId).set(MEMORIES.CONTENT, content)
                .set(MEMORIES.CREATED_AT, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)).execute();
        return this;
    }

    public Rows deleteMemory(String memoryId) {
        dsl.update(MEMORIES).set(MEMORIES.DELETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(MEMORIES.PRODUCER_ID.eq(producer), MEMORIES.MEMORY_ID.eq(memoryId)).execute();
        return this;
    }

    /** Inserts a context, or overwrites its data as the writer does for a newer mcp.context.recorded. */
    public Rows putMcpContext(String contextId, String dataJson) {
        dsl.insertInto(MCP_CONTEXTS).set(MCP_CONTEXTS.PRODUCER_ID, producer).set(MCP_CONTEXTS.CONTEXT_ID, contextId)
                .set(MCP_CONTEXTS.DATA, JSONB.valueOf(dataJson))
                .set(MCP_CONTEXTS.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .onConflict(MCP_CONTEXTS.PRODUCER_ID, MCP_CONTEXTS.CONTEXT_ID).doUpdate()
                .set(MCP_CONTEXTS.DATA, JSONB.valueOf(dataJson))
                .execute();
        return this;
    }
}
