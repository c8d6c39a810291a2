package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.Failures;
import io.eventpipeline.projection.batch.Rejection;
import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.invalidate.InvalidationPlanner;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.schemas.CacheInvalidation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch in ONE Postgres transaction: this consumer's offsets (fenced, so a stale or
 * redelivered batch rolls back), the {@code events} rows, the projections and the batch's invalidations
 * (outbox). Records that cannot be written are handed to the {@link RejectionSink} before COMMIT, so an
 * offset never passes an event that reached neither Postgres nor {@code events.rejected}.
 *
 * <p>The fast path writes the whole batch at once. If it fails because of a record (bad data, a
 * constraint), the transaction is redone record by record under savepoints, which sets the bad records
 * aside instead of blocking their partition. Infrastructure failures are thrown to the caller, which
 * retries the same batch later.
 */
public final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /** What a committed batch did. {@code invalidations} are in the outbox under {@code batchId}. */
    public record Outcome(UUID batchId, List<LogEvent> written, int duplicates, List<Rejection> rejected,
            List<CacheInvalidation> invalidations, Instant committedAt) {
    }

    /** Publishes rejections durably (acknowledged) or throws; called inside the batch transaction. */
    @FunctionalInterface
    public interface RejectionSink {
        void publish(List<Rejection> rejections);
    }

    private final DSLContext dsl;
    private final EventRows rows;
    private final ProjectionRows projections = new ProjectionRows();
    private final OffsetStore offsets;
    private final InvalidationOutbox outbox;
    private final PartitionManager partitions;
    private final RejectionSink rejectionSink;
    private final Clock clock;
    private final Timer fastTimer;
    private final Timer isolatedTimer;
    private final DistributionSummary batchSize;
    private final Counter written;
    private final Counter duplicates;
    private final Counter fallbacks;
    private final MeterRegistry registry;

    public BatchWriter(DSLContext dsl, WriteMethod method, OffsetStore offsets, InvalidationOutbox outbox,
            PartitionManager partitions, RejectionSink rejectionSink, Clock clock, MeterRegistry registry) {
        this.dsl = dsl;
        this.rows = new EventRows(method);
        this.offsets = offsets;
        this.outbox = outbox;
        this.partitions = partitions;
        this.rejectionSink = rejectionSink;
        this.clock = clock;
        this.registry = registry;
        String m = method.name().toLowerCase(java.util.Locale.ROOT);
        this.fastTimer = Timer.builder("writer.batch.write").tag("method", m).tag("mode", "batch")
                .publishPercentileHistogram().register(registry);
        this.isolatedTimer = Timer.builder("writer.batch.write").tag("method", m).tag("mode", "record_by_record")
                .publishPercentileHistogram().register(registry); // same shape as "batch": Prometheus needs one type per name
        this.batchSize = DistributionSummary.builder("writer.batch.size").baseUnit("records")
                .publishPercentileHistogram().register(registry);
        this.written = Counter.builder("writer.events.written").register(registry);
        this.duplicates = Counter.builder("writer.events.duplicates")
                .description("events already stored (same event_id and created_at), skipped").register(registry);
        this.fallbacks = Counter.builder("writer.batch.fallbacks")
                .description("batches redone record by record after a record fault").register(registry);
    }

    public Outcome write(Batch batch) {
        Set<YearMonth> months = monthsOf(batch.events());
        partitions.ensureMonths(months);
        Outcome outcome;
        try {
            outcome = fastTimer.record(() -> transact(batch, false));
        } catch (RuntimeException e) {
            if (Failures.isMissingPartition(e)) {
                log.warn("{}: a partition vanished (detached outside this writer?), recreating {}", batch.topic(), months);
                partitions.forget(months);
                partitions.ensureMonths(months);
                outcome = fastTimer.record(() -> transact(batch, false));
            } else if (Failures.isRecordFault(e)) {
                log.warn("{}: batch of {} has a record that cannot be written ({}); redoing it record by record",
                        batch.topic(), batch.size(), Failures.describe(e));
                fallbacks.increment();
                outcome = isolatedTimer.record(() -> transact(batch, true));
            } else {
                throw e;
            }
        }
        batchSize.record(batch.size());
        written.increment(outcome.written().size());
        duplicates.increment(outcome.duplicates());
        for (Rejection r : outcome.rejected()) {
            registry.counter("writer.events.rejected", "reason", r.reason()).increment();
        }
        return outcome;
    }

    private Outcome transact(Batch batch, boolean isolate) {
        UUID batchId = UUID.randomUUID();
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            for (Map.Entry<Integer, Batch.OffsetRange> range : new java.util.TreeMap<>(batch.ranges()).entrySet()) {
                offsets.advance(tx, batch.topic(), range.getKey(), range.getValue());
            }
            List<Rejection> rejected = new ArrayList<>(batch.rejections());
            List<LogEvent> stored;
            int skipped = 0;
            if (isolate) {
                stored = new ArrayList<>();
                for (LogEvent event : batch.events()) {
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
                        rejected.add(new Rejection(Rejection.NOT_WRITABLE, Failures.describe(e), event.envelope(), null,
                                event.envelope().key(), event.topic(), event.partition(), event.offset()));
                    }
                }
            } else {
                rows.insertAll(tx, batch.events());
                projections.apply(tx, batch.events());
                stored = batch.events();
            }
            Instant committedAt = clock.instant();
            List<CacheInvalidation> invalidations = InvalidationPlanner.plan(stored, committedAt);
            outbox.store(tx, batchId, invalidations);
            if (!rejected.isEmpty()) {
                rejectionSink.publish(rejected);
            }
            return new Outcome(batchId, List.copyOf(stored), skipped, List.copyOf(rejected), invalidations, committedAt);
        });
    }

    /** One event under a savepoint: a failure undoes only this event's rows. False when it was stored already. */
    private boolean writeOne(DSLContext tx, LogEvent event) {
        return tx.transactionResult(savepoint -> {
            boolean inserted = rows.insertOne(savepoint.dsl(), event);
            if (inserted) {
                projections.apply(savepoint.dsl(), List.of(event));
            }
            return inserted;
        });
    }

    static Set<YearMonth> monthsOf(List<LogEvent> events) {
        Set<YearMonth> months = new TreeSet<>();
        for (LogEvent event : events) {
            months.add(YearMonth.from(event.envelope().createdAt().atZone(ZoneOffset.UTC)));
        }
        return months;
    }
}
