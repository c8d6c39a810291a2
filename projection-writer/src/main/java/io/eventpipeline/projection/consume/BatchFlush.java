package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.invalidate.InvalidationRelay;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.write.OffsetStore;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what is pending as one batch and moves on: after COMMIT the invalidations are published and the
 * read positions advance; a stale batch (someone wrote it already) re-positions every partition from
 * Postgres; an infrastructure failure keeps the batch for a retry after the backoff.
 */
final class BatchFlush {

    private static final Logger log = LoggerFactory.getLogger(BatchFlush.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final BatchWriter writer;
    private final InvalidationRelay relay;
    private final AfterCommitHook afterCommit;
    private final Positions positions;
    private final FailureState failures;

    BatchFlush(Consumer<String, byte[]> consumer, String topic, BatchWriter writer, InvalidationRelay relay,
            AfterCommitHook afterCommit, Positions positions, FailureState failures) {
        this.consumer = consumer;
        this.topic = topic;
        this.writer = writer;
        this.relay = relay;
        this.afterCommit = afterCommit;
        this.positions = positions;
        this.failures = failures;
    }

    void flush(PendingBatch pending) {
        Batch batch = pending.toBatch(topic);
        BatchWriter.Outcome outcome;
        try {
            outcome = writer.write(batch);
        } catch (OffsetStore.StaleBatchException e) {
            log.warn("{}: {}; re-reading positions from Postgres", topic, e.getMessage());
            pending.clear();
            positions.reposition(consumer.assignment());
            return;
        } catch (RuntimeException e) {
            failures.failed("writing a batch of " + batch.size() + " records", e);
            return;
        }
        afterCommit.afterCommit(outcome);
        relay.afterCommit(outcome.batchId(), outcome.invalidations());
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        batch.ranges().forEach((partition, range) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            positions.advanced(tp, range.next());
            committed.put(tp, new OffsetAndMetadata(range.next()));
        });
        pending.clear();
        failures.recovered();
        // For lag tools only: positions come from Postgres, so a lost commit here costs nothing.
        consumer.commitAsync(committed, (offsets, error) -> {
            if (error != null) {
                log.debug("informational offset commit failed: {}", error.getMessage());
            }
        });
    }
}
