package io.eventpipeline.projection.consume;

import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.batch.Rejection;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.JsonSerde;
import io.eventpipeline.schemas.RejectionReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Records read but not yet committed to Postgres, per partition in Kafka order, already sorted into
 * writable events and rejections (unreadable bytes, no version). Ready when it holds
 * {@code maxRecords} or its oldest record waited {@code maxWait}.
 */
final class PendingBatch {

    private static final JsonSerde<EventEnvelope> ENVELOPES = JsonSerde.of(EventEnvelope.class);

    private record Item(long offset, LogEvent event, Rejection rejection) {
    }

    private final Map<TopicPartition, List<Item>> byPartition = new LinkedHashMap<>();
    private final int maxRecords;
    private final long maxWaitNanos;
    private int size;
    private long firstAddedNanos;

    PendingBatch(int maxRecords, java.time.Duration maxWait) {
        this.maxRecords = maxRecords;
        this.maxWaitNanos = maxWait.toNanos();
    }

    void add(ConsumerRecord<String, byte[]> record, long nowNanos) {
        if (size == 0) {
            firstAddedNanos = nowNanos;
        }
        byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                .add(toItem(record));
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    boolean isReady(long nowNanos) {
        return size >= maxRecords || (size > 0 && nowNanos - firstAddedNanos >= maxWaitNanos);
    }

    /** Nanoseconds until the time bound makes the batch ready (0 when ready or empty). */
    long nanosUntilReady(long nowNanos) {
        return size == 0 ? maxWaitNanos : Math.max(0, firstAddedNanos + maxWaitNanos - nowNanos);
    }

    void remove(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            List<Item> removed = byPartition.remove(tp);
            size -= removed == null ? 0 : removed.size();
        }
    }

    void clear() {
        byPartition.clear();
        size = 0;
    }

    Batch toBatch(String topic) {
        List<LogEvent> events = new ArrayList<>(size);
        List<Rejection> rejections = new ArrayList<>();
        Map<Integer, Batch.OffsetRange> ranges = new HashMap<>();
        byPartition.forEach((tp, items) -> {
            for (Item item : items) {
                if (item.event() != null) {
                    events.add(item.event());
                } else {
                    rejections.add(item.rejection());
                }
            }
            ranges.put(tp.partition(), new Batch.OffsetRange(items.getFirst().offset(), items.getLast().offset() + 1));
        });
        return new Batch(topic, events, rejections, ranges);
    }

    private static Item toItem(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return rejected(record, RejectionReason.UNREADABLE_EVENT, "record has no value", null);
        }
        EventEnvelope envelope;
        try {
            envelope = ENVELOPES.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // Whatever the bytes are, they are set aside with a reason: no record can stop the poll thread.
            return rejected(record, RejectionReason.UNREADABLE_EVENT, String.valueOf(e.getMessage()), null);
        }
        if (envelope.version() == null) {
            return rejected(record, RejectionReason.MISSING_VERSION, "events.log carries versioned envelopes only", envelope);
        }
        return new Item(record.offset(), new LogEvent(record.topic(), record.partition(), record.offset(), envelope,
                record.headers()), null);
    }

    private static Item rejected(ConsumerRecord<String, byte[]> record, RejectionReason reason, String detail, EventEnvelope envelope) {
        return new Item(record.offset(), null, new Rejection(reason, detail, envelope,
                envelope == null ? record.value() : null, record.key(), record.topic(), record.partition(), record.offset(),
                record.headers()));
    }
}
