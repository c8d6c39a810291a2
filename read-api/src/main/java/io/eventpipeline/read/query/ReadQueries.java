package io.eventpipeline.read.query;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.EVENTS;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;

import io.eventpipeline.schemas.Json;
import io.eventpipeline.sql.jooq.tables.records.AggregatesRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;

/**
 * The read side's queries, on the read pool (timed by the shared query monitor as {@code select <table>}).
 * Every one is scoped to one producer (docs/decisions.md D1): {@code producer_id} leads each primary key and read index, so the filter is also what makes the index
 * match: {@code aggregates} by primary key, events by {@code idx_events_aggregate_id_version}
 * (producer_id, aggregate_id, event_version WHERE status='active'), memories by
 * {@code idx_memories_user_id_created}, MCP contexts by {@code idx_mcp_context_tool} and payload containment by
 * {@code idx_events_data_gin} ({@code IndexUsageIT} proves each).
 */
public final class ReadQueries {

    /** The index expression {@code data ->> 'tool'}, the literal inlined so that even a generic plan matches the index. */
    private static final Field<String> TOOL = DSL.jsonbGetAttributeAsText(MCP_CONTEXTS.DATA, DSL.inline("tool"));

    private final DSLContext dsl;

    public ReadQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A stream head with the producer it belongs to (cache warming spans every producer). */
    public record OwnedHead(String producerId, AggregateView head) {
    }

    public Optional<AggregateView> aggregate(String producerId, String aggregateType, String aggregateId) {
        return dsl.selectFrom(AGGREGATES)
                .where(AGGREGATES.PRODUCER_ID.eq(producerId), AGGREGATES.AGGREGATE_TYPE.eq(aggregateType),
                        AGGREGATES.AGGREGATE_ID.eq(aggregateId))
                .fetchOptional()
                .map(ReadQueries::toView);
    }

    /** The {@code count} most recently updated stream heads of all producers (cache warming). */
    public List<OwnedHead> recentlyUpdated(int count) {
        return dsl.selectFrom(AGGREGATES)
                .orderBy(AGGREGATES.UPDATED_AT.desc()).limit(count)
                .fetch(r -> new OwnedHead(r.getProducerId(), toView(r)));
    }

    public EventPage events(String producerId, String aggregateType, String aggregateId, long fromVersion, int limit) {
        List<EventView> events = dsl.select(EVENTS.EVENT_ID, EVENTS.EVENT_VERSION,
                        EVENTS.EVENT_TYPE, EVENTS.OCCURRED_AT, EVENTS.CREATED_AT, EVENTS.EVENT_DATA, EVENTS.METADATA)
                .from(EVENTS)
                .where(EVENTS.PRODUCER_ID.eq(producerId), EVENTS.AGGREGATE_ID.eq(aggregateId),
                        EVENTS.STATUS.eq(DSL.inline("active")), EVENTS.EVENT_VERSION.ge(fromVersion),
                        EVENTS.AGGREGATE_TYPE.eq(aggregateType))
                .orderBy(EVENTS.EVENT_VERSION)
                .limit(limit)
                .fetch(r -> new EventView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), json(r.value6()),
                        json(r.value7())));
        return new EventPage(aggregateType, aggregateId, fromVersion, limit, events);
    }

    /**
     * The producer's newest active events whose payload contains {@code contains}: the GIN index on
     * {@code event_data} finds the candidates ({@code @>}), {@code producer_id} filters them.
     */
    public EventMatches eventsContaining(String producerId, JsonNode contains, int limit) {
        List<MatchedEvent> events = dsl.select(EVENTS.AGGREGATE_TYPE, EVENTS.AGGREGATE_ID, EVENTS.EVENT_ID,
                        EVENTS.EVENT_VERSION, EVENTS.EVENT_TYPE, EVENTS.OCCURRED_AT, EVENTS.CREATED_AT, EVENTS.EVENT_DATA,
                        EVENTS.METADATA)
                .from(EVENTS)
                .where(EVENTS.PRODUCER_ID.eq(producerId), EVENTS.EVENT_DATA.contains(JSONB.valueOf(contains.toString())),
                        EVENTS.STATUS.eq(DSL.inline("active")))
                .orderBy(EVENTS.CREATED_AT.desc())
                .limit(limit)
                .fetch(r -> new MatchedEvent(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), json(r.value8()), json(r.value9())));
        return new EventMatches(contains, limit, events);
    }

    public MemoryList memories(String producerId, String userId, int limit) {
        List<MemoryView> memories = dsl.select(MEMORIES.MEMORY_ID, MEMORIES.USER_ID,
                        MEMORIES.CONTENT, MEMORIES.CREATED_AT)
                .from(MEMORIES)
                .where(MEMORIES.PRODUCER_ID.eq(producerId), MEMORIES.USER_ID.eq(userId), MEMORIES.DELETED_AT.isNull())
                .orderBy(MEMORIES.CREATED_AT.desc())
                .limit(limit)
                .fetch(r -> new MemoryView(r.value1(), r.value2(), r.value3(), r.value4()));
        return new MemoryList(userId, limit, memories);
    }

    /** A memory that is not soft-deleted. */
    public Optional<MemoryView> memory(String producerId, String memoryId) {
        return dsl.select(MEMORIES.MEMORY_ID, MEMORIES.USER_ID, MEMORIES.CONTENT,
                        MEMORIES.CREATED_AT)
                .from(MEMORIES)
                .where(MEMORIES.PRODUCER_ID.eq(producerId), MEMORIES.MEMORY_ID.eq(memoryId), MEMORIES.DELETED_AT.isNull())
                .fetchOptional(r -> new MemoryView(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public Optional<McpContextView> mcpContext(String producerId, String contextId) {
        return dsl.select(MCP_CONTEXTS.CONTEXT_ID, MCP_CONTEXTS.DATA, MCP_CONTEXTS.CREATED_AT)
                .from(MCP_CONTEXTS)
                .where(MCP_CONTEXTS.PRODUCER_ID.eq(producerId), MCP_CONTEXTS.CONTEXT_ID.eq(contextId))
                .fetchOptional(r -> new McpContextView(r.value1(), json(r.value2()), r.value3()));
    }

    public List<McpContextView> mcpContexts(String producerId, String tool, int limit) {
        return dsl.select(MCP_CONTEXTS.CONTEXT_ID, MCP_CONTEXTS.DATA,
                        MCP_CONTEXTS.CREATED_AT)
                .from(MCP_CONTEXTS)
                .where(MCP_CONTEXTS.PRODUCER_ID.eq(producerId), TOOL.eq(tool))
                .orderBy(MCP_CONTEXTS.CREATED_AT.desc())
                .limit(limit)
                .fetch(r -> new McpContextView(r.value1(), json(r.value2()), r.value3()));
    }

    private static AggregateView toView(AggregatesRecord r) {
        return new AggregateView(r.getAggregateType(), r.getAggregateId(), r.getVersion(), r.getLastEventId(),
                r.getLastEventType(), r.getEventCount(), r.getUpdatedAt());
    }

    static JsonNode json(JSONB value) {
        return value == null ? null : Json.MAPPER.readTree(value.data());
    }
}
