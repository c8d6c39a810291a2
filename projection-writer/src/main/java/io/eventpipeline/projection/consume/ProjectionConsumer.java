package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.invalidate.InvalidationRelay;
import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.batch.Failures;
import io.eventpipeline.projection.write.OffsetStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's poll loop over {@code events.log}: one thread, one plain {@link Consumer}.
 *
 * <p>Why a plain poll loop and not a spring-kafka listener: the position of every partition is owned by
 * Postgres (written in the batch transaction), so the loop must seek on assignment from a database
 * that may be down at that moment, pause every partition while Postgres is unavailable and keep
 * polling (to stay in the group) without receiving records, retry the very same batch after a backoff,
 * and drop buffered records of partitions revoked meanwhile. With a bare consumer each of those is one
 * explicit call on the thread that owns it; a listener container would spread them over error
 * handlers, seek callbacks and container pause flags. Kafka's own committed offsets are written only
 * after Postgres commits and only for lag tools: they are never read back.
 *
 * <p>Guarantees: a record's effects are committed at most once (the offsets in the same transaction
 * fence any replay) and at least once (a partition's stored offset only moves past records that are in
 * Postgres or acknowledged on {@code events.rejected}).
 */
public final class ProjectionConsumer implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final BatchWriter writer;
    private final OffsetStore offsets;
    private final DSLContext dsl;
    private final InvalidationRelay relay;
    private final AfterCommitHook afterCommit;
    private final Duration sweepInterval;
    private final PendingBatch pending;
    private final Backoff backoff;
    private final Map<TopicPartition, Long> nextToRead = new HashMap<>();
    private final Set<TopicPartition> awaitingSeek = new HashSet<>();
    private final Counter infraFailures;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile int positioned;
    private volatile Instant failingSince;
    private long retryAtNanos;
    private long nextSweepNanos;

    public ProjectionConsumer(Consumer<String, byte[]> consumer, String topic, BatchWriter writer, OffsetStore offsets,
            DSLContext dsl, InvalidationRelay relay, AfterCommitHook afterCommit, int batchMaxRecords,
            Duration batchMaxWait, Duration backoffInitial, Duration backoffMax, Duration sweepInterval,
            MeterRegistry registry) {
        this.consumer = consumer;
        this.topic = topic;
        this.writer = writer;
        this.offsets = offsets;
        this.dsl = dsl;
        this.relay = relay;
        this.afterCommit = afterCommit;
        this.sweepInterval = sweepInterval;
        this.pending = new PendingBatch(batchMaxRecords, batchMaxWait);
        this.backoff = new Backoff(backoffInitial, backoffMax);
        this.infraFailures = Counter.builder("writer.infrastructure.failures")
                .description("batch writes or offset loads that failed on Postgres or Kafka and will be retried")
                .register(registry);
        Gauge.builder("writer.consumer.paused", this, c -> c.paused ? 1 : 0)
                .description("1 while consumption is paused because Postgres is unavailable").register(registry);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            sweepOutbox(Duration.ZERO);
            while (running) {
                seekAwaitingPartitions();
                if (System.nanoTime() >= nextSweepNanos) {
                    sweepOutbox(sweepInterval);
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (isNew(record)) {
                        pending.add(record, now);
                    }
                }
                if ((pending.isReady(now) || (paused && !pending.isEmpty())) && now >= retryAtNanos) {
                    flush();
                } else if (paused && pending.isEmpty() && awaitingSeek.isEmpty()) {
                    recovered(); // what failed belonged to partitions revoked since
                }
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

    /** Null when the last write succeeded, else what failed and since when. */
    public String failure() {
        Instant since = failingSince;
        return since == null ? null : lastFailure.get() + " (since " + since + ")";
    }

    public boolean isPaused() {
        return paused;
    }

    /** How many partitions this writer owns and has positioned from Postgres. */
    public int positionedPartitions() {
        return positioned;
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

    private void flush() {
        Batch batch = pending.toBatch(topic);
        BatchWriter.Outcome outcome;
        try {
            outcome = writer.write(batch);
        } catch (OffsetStore.StaleBatchException e) {
            log.warn("{}: {}; re-reading positions from Postgres", topic, e.getMessage());
            pending.clear();
            awaitingSeek.addAll(consumer.assignment());
            consumer.pause(consumer.assignment());
            return;
        } catch (RuntimeException e) {
            failed("writing a batch of " + batch.size() + " records", e);
            return;
        }
        afterCommit.afterCommit(outcome);
        relay.afterCommit(outcome.batchId(), outcome.invalidations());
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        batch.ranges().forEach((partition, range) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            nextToRead.put(tp, range.next());
            committed.put(tp, new OffsetAndMetadata(range.next()));
        });
        pending.clear();
        recovered();
        // For lag tools only: positions come from Postgres, so a lost commit here costs nothing.
        consumer.commitAsync(committed, (offsets, error) -> {
            if (error != null) {
                log.debug("informational offset commit failed: {}", error.getMessage());
            }
        });
    }

    private void failed(String what, RuntimeException e) {
        infraFailures.increment();
        Duration delay = backoff.next();
        retryAtNanos = System.nanoTime() + delay.toNanos();
        lastFailure.set(Failures.describe(e));
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        if (!paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        }
        log.warn("{}: {} failed, consumption paused, retrying in {} ms: {}", topic, what, delay.toMillis(),
                Failures.describe(e));
    }

    private void recovered() {
        backoff.reset();
        retryAtNanos = 0;
        if (failingSince != null) {
            log.info("{}: Postgres writes work again after failing since {}", topic, failingSince);
        }
        failingSince = null;
        lastFailure.set(null);
        if (paused) {
            paused = false;
            List<TopicPartition> ready = new ArrayList<>(consumer.assignment());
            ready.removeAll(awaitingSeek);
            consumer.resume(ready);
        }
    }

    private boolean isNew(ConsumerRecord<String, byte[]> record) {
        Long next = nextToRead.get(new TopicPartition(record.topic(), record.partition()));
        return next != null && record.offset() >= next;
    }

    private void seekAwaitingPartitions() {
        if (awaitingSeek.isEmpty() || System.nanoTime() < retryAtNanos) {
            return;
        }
        List<Integer> partitions = awaitingSeek.stream().map(TopicPartition::partition).toList();
        Map<Integer, Long> stored;
        try {
            stored = offsets.load(dsl, topic, partitions);
        } catch (RuntimeException e) {
            failed("loading offsets of " + partitions, e);
            return;
        }
        for (TopicPartition tp : awaitingSeek) {
            Long next = stored.get(tp.partition());
            if (next == null) {
                consumer.seekToBeginning(List.of(tp));
                nextToRead.put(tp, 0L);
            } else {
                consumer.seek(tp, next);
                nextToRead.put(tp, next);
            }
            log.info("{}: positioned at {} from Postgres", tp, next == null ? "the beginning" : next);
        }
        if (!paused) {
            consumer.resume(awaitingSeek);
        }
        awaitingSeek.clear();
        positioned = nextToRead.size();
        if (pending.isEmpty()) {
            recovered();
        }
    }

    private void sweepOutbox(Duration minAge) {
        nextSweepNanos = System.nanoTime() + sweepInterval.toNanos();
        try {
            relay.sweep(minAge);
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, next try in {}: {}", sweepInterval, Failures.describe(e));
        }
    }

    private Duration pollTimeout() {
        long now = System.nanoTime();
        long nanos = pending.isEmpty() ? IDLE_POLL.toNanos() : pending.nanosUntilReady(now);
        if (paused) {
            nanos = Math.max(0, retryAtNanos - now);
        }
        return Duration.ofNanos(Math.clamp(nanos, 1_000_000L, IDLE_POLL.toNanos()));
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Position unknown until Postgres answers: fetch nothing for them meanwhile.
            consumer.pause(partitions);
            awaitingSeek.addAll(partitions);
            retryAtNanos = 0;
            seekAwaitingPartitions();
        }

        private void forget(Collection<TopicPartition> partitions) {
            pending.remove(partitions);
            awaitingSeek.removeAll(partitions);
            partitions.forEach(nextToRead::remove);
            positioned = nextToRead.size();
        }
    }
}
