package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.batch.Failures;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.batch.Rejection;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.invalidate.InvalidationPlanner;
import io.eventpipeline.projection.invalidate.PlannedInvalidation;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.sql.projection.ProjectionTables;
import io.eventpipeline.sql.projection.Projections;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONE Postgres transaction for one batch: this consumer's offsets first (fenced, so a stale or
 * redelivered batch rolls back), then the {@code events} rows, the projections and the invalidations
 * (outbox); rejections are handed to the sink before COMMIT, so an offset never passes an event that
 * reached neither Postgres nor {@code events.rejected}. In {@code isolate} mode each event runs under its
 * own savepoint, so a bad record is set aside as {@code not_writable} instead of failing the rest.
 */
final class BatchTransaction {

    private static final Logger log = LoggerFactory.getLogger(BatchTransaction.class);

    private final DSLContext dsl;
    private final EventRows rows;
    private final Projections projections = new Projections(ProjectionTables.LIVE);
    private final OffsetStore offsets;
    private final InvalidationOutbox outbox;
    private final BatchWriter.RejectionSink rejectionSink;
    private final Clock clock;

    BatchTransaction(DSLContext dsl, WriteMethod method, OffsetStore offsets, InvalidationOutbox outbox,
            BatchWriter.RejectionSink rejectionSink, Clock clock) {
        this.dsl = dsl;
        this.rows = new EventRows(method);
        this.offsets = offsets;
        this.outbox = outbox;
        this.rejectionSink = rejectionSink;
        this.clock = clock;
    }

    BatchWriter.Outcome run(Batch batch, boolean isolate) {
        UUID batchId = UUID.randomUUID();
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            for (Map.Entry<Integer, Batch.OffsetRange> range : new TreeMap<>(batch.ranges()).entrySet()) {
                offsets.advance(tx, batch.topic(), range.getKey(), range.getValue());
            }
            List<Rejection> rejected = new ArrayList<>(batch.rejections());
            List<LogEvent> stored = new ArrayList<>();
            int skipped = isolate ? writeEach(tx, batch.events(), stored, rejected) : writeAll(tx, batch.events(), stored);
            Instant committedAt = clock.instant();
            List<PlannedInvalidation> invalidations = InvalidationPlanner.plan(stored, committedAt);
            outbox.store(tx, batchId, invalidations);
            if (!rejected.isEmpty()) {
                rejectionSink.publish(rejected);
            }
            return new BatchWriter.Outcome(batchId, List.copyOf(stored), skipped, List.copyOf(rejected), invalidations,
                    committedAt);
        });
    }

    private int writeAll(DSLContext tx, List<LogEvent> events, List<LogEvent> stored) {
        rows.insertAll(tx, events);
        projections.apply(tx, envelopes(events));
        stored.addAll(events);
        return 0;
    }

    /** Each event under a savepoint; returns how many were stored already (duplicates). */
    private int writeEach(DSLContext tx, List<LogEvent> events, List<LogEvent> stored, List<Rejection> rejected) {
        int skipped = 0;
        for (LogEvent event : events) {
            try {
                if (writeOne(tx, event)) {
                    stored.add(event);
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                if (!Failures.isRecordFault(e)) {
                    throw e;
                }
                log.warn("rejecting {}-{}@{} event {}: {}", event.topic(), event.partition(), event.offset(),
                        event.envelope().eventId(), Failures.describe(e));
                rejected.add(Rejection.of(RejectionReason.NOT_WRITABLE, Failures.describe(e), event));
            }
        }
        return skipped;
    }

    /** One event under a savepoint: a failure undoes only this event's rows. False when it was stored already. */
    private boolean writeOne(DSLContext tx, LogEvent event) {
        return tx.transactionResult(savepoint -> {
            boolean inserted = rows.insertOne(savepoint.dsl(), event);
            if (inserted) {
                projections.apply(savepoint.dsl(), List.of(event.envelope()));
            }
            return inserted;
        });
    }

    private static List<EventEnvelope> envelopes(List<LogEvent> events) {
        return events.stream().map(LogEvent::envelope).toList();
    }
}
