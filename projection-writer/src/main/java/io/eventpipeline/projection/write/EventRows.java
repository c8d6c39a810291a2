package io.eventpipeline.projection.write;

import static io.eventpipeline.sql.jooq.Tables.EVENTS;

import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.batch.TraceContext;
import io.eventpipeline.schemas.EventEnvelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;

/**
 * Writes {@code events} rows on the batch transaction's connection, always into the partitioned parent
 * (Postgres routes each row to its month), with the row's producer and the trace id of the record's
 * {@code traceparent}. Two fast paths, chosen by measurement ({@code WRITER_WRITE_METHOD}): binary COPY
 * through pgjdbc's CopyManager, or one multi-row jOOQ INSERT per chunk. Neither skips duplicates: a
 * duplicate (producer, event id, created_at) fails the batch and the writer falls back to
 * {@link #insertOne}, row by row with {@code ON CONFLICT DO NOTHING}.
 */
public final class EventRows {

    /** The columns {@link #insertOne} and the INSERT path write, in {@link BinaryCopyEncoder#COLUMNS}' order. */
    private static final List<Field<?>> COLUMNS = List.of(EVENTS.EVENT_ID, EVENTS.AGGREGATE_TYPE, EVENTS.AGGREGATE_ID,
            EVENTS.EVENT_VERSION, EVENTS.EVENT_TYPE, EVENTS.PRODUCER_ID, EVENTS.IDEMPOTENCY_KEY, EVENTS.STATUS,
            EVENTS.OCCURRED_AT, EVENTS.CREATED_AT, EVENTS.EVENT_DATA, EVENTS.METADATA, EVENTS.KAFKA_PARTITION,
            EVENTS.KAFKA_OFFSET, EVENTS.TRACE_ID);
    /** Postgres accepts at most 65535 bind values per statement; 15 columns per row. */
    private static final int INSERT_CHUNK = 2_000;

    private final WriteMethod method;

    public EventRows(WriteMethod method) {
        this.method = method;
    }

    public void insertAll(DSLContext tx, List<LogEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        switch (method) {
            case COPY -> copy(tx, events);
            case INSERT -> insert(tx, events);
        }
    }

    /** One row, idempotent: returns false when the same (producer, event id, created_at) is already stored. */
    boolean insertOne(DSLContext tx, LogEvent event) {
        return tx.insertInto(EVENTS).columns(COLUMNS).values(values(event)).onConflictDoNothing().execute() == 1;
    }

    private void copy(DSLContext tx, List<LogEvent> events) {
        byte[] rows = BinaryCopyEncoder.encode(events);
        tx.connection(connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(BinaryCopyEncoder.copySql(EVENTS.getName()), new ByteArrayInputStream(rows));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new DataAccessException("COPY events failed: " + e.getMessage(), e);
            }
        });
    }

    private void insert(DSLContext tx, List<LogEvent> events) {
        for (int from = 0; from < events.size(); from += INSERT_CHUNK) {
            InsertValuesStepN<?> step = tx.insertInto(EVENTS).columns(COLUMNS);
            for (LogEvent event : events.subList(from, Math.min(events.size(), from + INSERT_CHUNK))) {
                step = step.values(values(event));
            }
            step.execute();
        }
    }

    private static List<Object> values(LogEvent event) {
        EventEnvelope e = event.envelope();
        return Arrays.asList(e.eventId(), e.aggregateType(), e.aggregateId(), event.version(), e.eventType(),
                e.producerId(), e.idempotencyKey(), "active", at(e.occurredAt()), at(e.createdAt()),
                JSONB.valueOf(e.payload()), e.metadata() == null ? null : JSONB.valueOf(e.metadata()), event.partition(),
                event.offset(), TraceContext.traceId(event.traceparent()));
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
