package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.batch.Failures;
import io.eventpipeline.projection.invalidate.InvalidationRelay;
import io.eventpipeline.projection.write.BatchWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's poll loop over {@code events.log}: one thread, one plain {@link Consumer}. Why not a
 * spring-kafka listener: positions live in Postgres, so the loop seeks from a database that may be down,
 * pauses every partition while it is, keeps polling to stay in the group, retries the very same batch
 * after a backoff and drops what it buffered for revoked partitions; with a bare consumer each is one
 * call on the thread that owns it. Positions are {@link Positions}', failures and backoff
 * {@link FailureState}'s, writing {@link BatchWriter}'s.
 *
 * <p>Guarantees: a record's effects are committed at most once (the offsets in the same transaction
 * fence any replay) and at least once (a stored offset only passes records that are in Postgres or
 * acknowledged on {@code events.rejected}); a position is never guessed ({@link StartDecision}).
 */
public final class ProjectionConsumer implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final ConsumerOptions options;
    private final InvalidationRelay relay;
    private final PendingBatch pending;
    private final Positions positions;
    private final FailureState failures;
    private final RebalanceTimer rebalances;
    private final BatchFlush flush;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long lastPollNanos = -1;
    private long nextSweepNanos;

    public ProjectionConsumer(Consumer<String, byte[]> consumer, ConsumerOptions options, BatchWriter writer,
            StoredPositions offsets, InvalidationRelay relay, AfterCommitHook afterCommit, MeterRegistry registry) {
        this.consumer = consumer;
        this.options = options;
        this.relay = relay;
        this.pending = new PendingBatch(options.batchMaxRecords(), options.batchMaxWait());
        this.positions = new Positions(consumer, options.group(), offsets, registry);
        this.failures = new FailureState(options.topic(), options.backoffInitial(), options.backoffMax(), registry);
        this.rebalances = new RebalanceTimer(registry);
        this.flush = new BatchFlush(consumer, options.topic(), writer, relay, afterCommit, positions, failures);
        Gauge.builder("writer.consumer.paused", failures, f -> f.isFailing() ? 1 : 0)
                .description("1 while consumption is paused because Postgres (or Kafka) is unavailable").register(registry);
        Gauge.builder("writer.consumer.poll.age", this, c -> c.sinceLastPollSeconds())
                .baseUnit("seconds").description("time since the poll loop last returned from poll (-1 before the first)")
                .register(registry);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(options.topic()), new Rebalance(positions, pending, rebalances));
            sweepOutbox(Duration.ZERO);
            while (running) {
                loopOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                stopped.countDown();
            }
        }
    }

    private void loopOnce() {
        positionIfDue();
        if (System.nanoTime() >= nextSweepNanos) {
            sweepOutbox(options.sweepInterval());
        }
        holdPartitions();
        for (ConsumerRecord<String, byte[]> record : poll()) {
            if (positions.isNew(record)) {
                pending.add(record, System.nanoTime());
            }
        }
        long now = System.nanoTime();
        if (!pending.isEmpty() && (pending.isReady(now) || failures.isFailing()) && failures.retryDue(now)) {
            flush.flush(pending);
        } else if (failures.isFailing() && pending.isEmpty() && !positions.isAwaiting()) {
            failures.recovered(); // what failed belonged to partitions revoked since
        }
    }

    /** Health's view, safe from any thread. */
    public WriterStatus status() {
        long last = lastPollNanos;
        return new WriterStatus(last < 0 ? null : Duration.ofNanos(System.nanoTime() - last), failures.describe(),
                positions.stoppedPartitions(), positions.positionedPartitions());
    }

    public boolean isPaused() {
        return failures.isFailing();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ConsumerRecords<String, byte[]> poll() {
        try {
            return consumer.poll(pollTimeout());
        } catch (InvalidOffsetException e) {
            // auto.offset.reset=none: a fetch position out of range (retention deleted what was not yet read).
            // Re-decided from Postgres and the log's bounds; never a silent jump.
            log.warn("{}: fetch position invalid for {}: {}", options.topic(), e.partitions(), e.getMessage());
            pending.remove(e.partitions());
            positions.reposition(e.partitions());
            return ConsumerRecords.empty();
        } finally {
            lastPollNanos = System.nanoTime();
        }
    }

    private void positionIfDue() {
        long now = System.nanoTime();
        if (!positions.hasWork(now) || !failures.retryDue(now)) {
            return;
        }
        try {
            positions.position(now);
            if (pending.isEmpty()) {
                failures.recovered();
            }
        } catch (RuntimeException e) {
            failures.failed("positioning partitions from Postgres", e);
        }
    }

    /** Pauses what must not be fetched now (everything while failing), resumes the rest. */
    private void holdPartitions() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> held = failures.isFailing() ? new HashSet<>(assigned) : positions.held();
        held.retainAll(assigned);
        Set<TopicPartition> free = new HashSet<>(assigned);
        free.removeAll(held);
        consumer.pause(held);
        consumer.resume(free);
    }

    private void sweepOutbox(Duration minAge) {
        nextSweepNanos = System.nanoTime() + options.sweepInterval().toNanos();
        try {
            relay.sweep(minAge);
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, next try in {}: {}", options.sweepInterval(), Failures.describe(e));
        }
    }

    private double sinceLastPollSeconds() {
        long last = lastPollNanos;
        return last < 0 ? -1 : (System.nanoTime() - last) / 1e9;
    }

    private Duration pollTimeout() {
        long now = System.nanoTime();
        long nanos = failures.isFailing() ? failures.nanosUntilRetry(now)
                : pending.isEmpty() ? IDLE_POLL.toNanos() : pending.nanosUntilReady(now);
        return Duration.ofNanos(Math.clamp(nanos, 1_000_000L, IDLE_POLL.toNanos()));
    }
}
