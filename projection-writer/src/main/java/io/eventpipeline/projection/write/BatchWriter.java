package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.batch.Failures;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.batch.Rejection;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.invalidate.PlannedInvalidation;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.schemas.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch in one Postgres transaction ({@link BatchTransaction}), after setting aside the events
 * of retired months ({@code partition_retired}) and making sure every other month has its partition.
 * The fast path writes the whole batch at once; if it fails because of a record (bad data, a
 * constraint), the transaction is redone record by record under savepoints, which sets the bad records
 * aside instead of blocking their partition. Infrastructure failures are thrown to the caller, which
 * retries the same batch later.
 */
public final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /** What a committed batch did. {@code invalidations} are in the outbox under {@code batchId}. */
    public record Outcome(UUID batchId, List<LogEvent> written, int duplicates, List<Rejection> rejected,
            List<PlannedInvalidation> invalidations, Instant committedAt) {
    }

    /** Publishes rejections durably (acknowledged) or throws; called inside the batch transaction. */
    @FunctionalInterface
    public interface RejectionSink {
        void publish(List<Rejection> rejections);
    }

    private final BatchTransaction transaction;
    private final PartitionManager partitions;
    private final MeterRegistry registry;
    private final Timer fastTimer;
    private final Timer isolatedTimer;
    private final DistributionSummary batchSize;
    private final Counter written;
    private final Counter duplicates;
    private final Counter fallbacks;

    public BatchWriter(DSLContext dsl, WriteMethod method, OffsetStore offsets, InvalidationOutbox outbox,
            PartitionManager partitions, RejectionSink rejectionSink, Clock clock, MeterRegistry registry) {
        this.transaction = new BatchTransaction(dsl, method, offsets, outbox, rejectionSink, clock);
        this.partitions = partitions;
        this.registry = registry;
        String m = method.name().toLowerCase(Locale.ROOT);
        this.fastTimer = Timer.builder("writer.batch.write").tag("method", m).tag("mode", "batch")
                .publishPercentileHistogram().register(registry);
        this.isolatedTimer = Timer.builder("writer.batch.write").tag("method", m).tag("mode", "record_by_record")
                .publishPercentileHistogram().register(registry); // same shape as "batch": Prometheus needs one type per name
        this.batchSize = DistributionSummary.builder("writer.batch.size").baseUnit("records")
                .publishPercentileHistogram().register(registry);
        this.written = Counter.builder("writer.events.written").register(registry);
        this.duplicates = Counter.builder("writer.events.duplicates")
                .description("events already stored (same producer, event_id and created_at), skipped").register(registry);
        this.fallbacks = Counter.builder("writer.batch.fallbacks")
                .description("batches redone record by record after a record fault").register(registry);
        // every reason exists from the start (0 until the first): an alert on its rate sees the first one
        for (RejectionReason reason : RejectionReason.values()) {
            registry.counter("writer.events.rejected", "reason", reason.wireName());
        }
    }

    public Outcome write(Batch input) {
        Batch batch = RetiredMonths.setAside(input, partitions);
        Set<YearMonth> months = monthsOf(batch.events());
        partitions.ensureMonths(months);
        Outcome outcome;
        try {
            outcome = fastTimer.record(() -> transaction.run(batch, false));
        } catch (RuntimeException e) {
            outcome = recover(batch, months, e);
        }
        batchSize.record(input.size());
        written.increment(outcome.written().size());
        duplicates.increment(outcome.duplicates());
        for (Rejection r : outcome.rejected()) {
            registry.counter("writer.events.rejected", "reason", r.reason().wireName()).increment();
        }
        return outcome;
    }

    private Outcome recover(Batch batch, Set<YearMonth> months, RuntimeException e) {
        if (Failures.isMissingPartition(e)) {
            log.warn("{}: a partition vanished (detached outside this writer?), checking {}", batch.topic(), months);
            partitions.forget(months);
            Batch live = RetiredMonths.setAside(batch, partitions);
            partitions.ensureMonths(monthsOf(live.events()));
            return fastTimer.record(() -> transaction.run(live, false));
        }
        if (Failures.isRecordFault(e)) {
            log.warn("{}: batch of {} has a record that cannot be written ({}); redoing it record by record",
                    batch.topic(), batch.size(), Failures.describe(e));
            fallbacks.increment();
            return isolatedTimer.record(() -> transaction.run(batch, true));
        }
        throw e;
    }

    static Set<YearMonth> monthsOf(List<LogEvent> events) {
        Set<YearMonth> months = new TreeSet<>();
        for (LogEvent event : events) {
            months.add(RetiredMonths.monthOf(event));
        }
        return months;
    }
}
