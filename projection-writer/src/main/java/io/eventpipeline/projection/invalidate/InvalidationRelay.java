package io.eventpipeline.projection.invalidate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves invalidations from the outbox to Kafka: right after a batch commits ({@link #afterCommit}), and
 * by a sweep of whatever is still pending (a writer killed after COMMIT, Kafka down at publish time).
 * The sweep locks rows with {@code SKIP LOCKED}, so several writers never publish the same row at once;
 * a repeat is still possible (publish acknowledged, delete lost) and harmless to an idempotent consumer.
 * After each sweep, published or not, the batches still in the outbox are counted for
 * {@code writer_invalidation_outbox_pending} (alert InvalidationOutboxBacklog); a scrape never queries.
 */
public final class InvalidationRelay {

    private static final Logger log = LoggerFactory.getLogger(InvalidationRelay.class);
    private static final int SWEEP_PAGE = 100;

    private final DSLContext dsl;
    private final InvalidationOutbox outbox;
    private final InvalidationPublisher publisher;
    private final Counter published;
    private final Counter deferred;
    private volatile double pending = Double.NaN;

    public InvalidationRelay(DSLContext dsl, InvalidationOutbox outbox, InvalidationPublisher publisher,
            MeterRegistry registry) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.publisher = publisher;
        this.published = Counter.builder("writer.invalidations.published").register(registry);
        this.deferred = Counter.builder("writer.invalidations.deferred")
                .description("batches whose invalidations were left in the outbox for the sweep").register(registry);
        Gauge.builder("writer.invalidation.outbox.pending", this, r -> r.pending)
                .description("outbox batches not yet published, counted after each sweep (NaN before the first)")
                .register(registry);
    }

    /** Publishes a committed batch's invalidations, then clears them from the outbox; on failure leaves them to the sweep. */
    public void afterCommit(UUID batchId, List<PlannedInvalidation> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            publisher.publish(messages);
            published.increment(messages.size());
            outbox.delete(dsl, batchId);
        } catch (RuntimeException e) {
            deferred.increment();
            log.warn("invalidations of batch {} stay in the outbox for the sweep: {}", batchId, e.getMessage());
        }
    }

    /** Publishes every batch pending for at least {@code minAge}; returns how many batches were published. */
    public int sweep(Duration minAge) {
        try {
            return publishPending(minAge);
        } finally {
            countPending();
        }
    }

    private void countPending() {
        try {
            pending = outbox.pendingBatches(dsl);
        } catch (RuntimeException e) {
            log.debug("cannot count the outbox now, keeping the last count: {}", e.getMessage());
        }
    }

    private int publishPending(Duration minAge) {
        int total = 0;
        while (true) {
            int page = dsl.transactionResult(c -> {
                List<InvalidationOutbox.Pending> pending = outbox.lockPending(c.dsl(), minAge, SWEEP_PAGE);
                for (InvalidationOutbox.Pending p : pending) {
                    publisher.publish(p.messages());
                    published.increment(p.messages().size());
                    outbox.delete(c.dsl(), p.batchId());
                }
                return pending.size();
            });
            total += page;
            if (page < SWEEP_PAGE) {
                if (total > 0) {
                    log.info("published {} pending invalidation batches from the outbox", total);
                }
                return total;
            }
        }
    }
}
