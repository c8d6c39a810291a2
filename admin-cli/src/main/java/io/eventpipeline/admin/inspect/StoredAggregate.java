package io.eventpipeline.admin.inspect;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.EVENTS;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One aggregate as the writer stored it: its {@code aggregates} row and its events' versions.
 *
 * @param version       {@code aggregates.version}, or null without a row
 * @param eventRows     active rows in {@code events}
 * @param distinctVersions how many different {@code event_version}s those rows have
 * @param highestEvent  the highest {@code event_version} among them, or null
 * @param latest        the newest events, newest first
 */
record StoredAggregate(Long version, UUID lastEventId, String lastEventType, Long eventCount, OffsetDateTime updatedAt,
        long eventRows, long distinctVersions, Long highestEvent, List<Event> latest) {

    /** One row of {@code events}. */
    record Event(long version, String type, UUID id, OffsetDateTime createdAt) {
    }

    private static final int LATEST = 5;

    static StoredAggregate read(Connection connection, String producer, String type, String id) {
        DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
        var row = dsl.select(AGGREGATES.VERSION, AGGREGATES.LAST_EVENT_ID, AGGREGATES.LAST_EVENT_TYPE,
                        AGGREGATES.EVENT_COUNT, AGGREGATES.UPDATED_AT)
                .from(AGGREGATES)
                .where(AGGREGATES.PRODUCER_ID.eq(producer), AGGREGATES.AGGREGATE_TYPE.eq(type), AGGREGATES.AGGREGATE_ID.eq(id))
                .fetchOne();
        var ofAggregate = DSL.and(EVENTS.PRODUCER_ID.eq(producer), EVENTS.AGGREGATE_TYPE.eq(type),
                EVENTS.AGGREGATE_ID.eq(id), EVENTS.STATUS.eq("active"));
        var counts = dsl.select(DSL.count(), DSL.countDistinct(EVENTS.EVENT_VERSION), DSL.max(EVENTS.EVENT_VERSION))
                .from(EVENTS).where(ofAggregate).fetchOne();
        List<Event> latest = dsl.select(EVENTS.EVENT_VERSION, EVENTS.EVENT_TYPE, EVENTS.EVENT_ID, EVENTS.CREATED_AT)
                .from(EVENTS).where(ofAggregate).orderBy(EVENTS.EVENT_VERSION.desc()).limit(LATEST)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3(), r.value4()));
        return new StoredAggregate(row == null ? null : row.value1(), row == null ? null : row.value2(),
                row == null ? null : row.value3(), row == null ? null : row.value4(), row == null ? null : row.value5(),
                counts.value1(), counts.value2(), counts.value3(), latest);
    }

    /** Versions 1..highest are all there, once each. */
    boolean gapless() {
        return highestEvent == null ? eventRows == 0 : eventRows == highestEvent && distinctVersions == highestEvent;
    }
}
