package io.eventpipeline.admin.rebuild;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@code events.log} from offset 0 with assigned partitions and no group, so it commits nothing and
 * disturbs no consumer; read_committed, as the writer reads. Each pass reads up to given offsets
 * (exclusive) and no further, and the next pass goes on from there. Records the writer would set aside
 * (no value, unreadable, no version) are skipped and counted.
 */
final class LogReader implements AutoCloseable {

    /** A batch of events of one poll, with how many offsets of each partition it moved on (records, markers). */
    record Chunk(List<EventEnvelope> events, Map<Integer, Long> records) {
    }

    private static final Deserializer<EventEnvelope> ENVELOPES = Topics.EVENTS_LOG.valueSerde().deserializer();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final RebuildScope scope;
    private final Duration stall;
    private final Map<Integer, Long> positions = new TreeMap<>();
    private long skipped;

    LogReader(KafkaConsumer<String, byte[]> consumer, String topic, List<Integer> partitions, RebuildScope scope, Duration stall) {
        this.consumer = consumer;
        this.topic = topic;
        this.scope = scope;
        this.stall = stall;
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(assigned);
        assigned.forEach(tp -> {
            consumer.seek(tp, 0);
            positions.put(tp.partition(), 0L);
        });
    }

    /** Where the next pass starts, per partition. */
    Map<Integer, Long> positions() {
        return new TreeMap<>(positions);
    }

    long skipped() {
        return skipped;
    }

    /** Reads every partition up to {@code targets} (exclusive), handing each poll's events to {@code sink}. */
    void readTo(Map<Integer, Long> targets, Consumer<Chunk> sink) {
        long lastProgress = System.nanoTime();
        while (!reached(targets)) {
            Chunk chunk = poll(targets);
            if (!chunk.records().isEmpty()) {
                sink.accept(chunk);
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                throw new IllegalStateException("no record of " + topic + " arrived for " + stall.toSeconds() + " s while "
                        + "reading up to " + targets + " (at " + positions + ")");
            }
        }
    }

    private boolean reached(Map<Integer, Long> targets) {
        for (Map.Entry<Integer, Long> target : targets.entrySet()) {
            long at = consumer.position(new TopicPartition(topic, target.getKey()));
            if (at < target.getValue()) {
                return false;
            }
            positions.put(target.getKey(), Math.max(positions.get(target.getKey()), target.getValue()));
        }
        return true;
    }

    private Chunk poll(Map<Integer, Long> targets) {
        List<EventEnvelope> events = new ArrayList<>();
        Map<Integer, Long> before = new TreeMap<>(positions);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            long target = targets.getOrDefault(record.partition(), 0L);
            if (record.offset() >= target) {
                // read past this pass's end: the next pass reads it again from here
                consumer.seek(new TopicPartition(topic, record.partition()), target);
                continue;
            }
            positions.put(record.partition(), record.offset() + 1);
            EventEnvelope event = envelope(record);
            if (event != null && scope.includes(event)) {
                events.add(event);
            }
        }
        Map<Integer, Long> moved = new TreeMap<>();
        positions.forEach((p, at) -> {
            if (at > before.get(p)) {
                moved.put(p, at - before.get(p));
            }
        });
        return new Chunk(events, moved);
    }

    private EventEnvelope envelope(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope event = record.value() == null ? null : ENVELOPES.deserialize(record.topic(), record.value());
            if (event != null && event.version() != null) {
                return event;
            }
        } catch (RuntimeException unreadable) {
            // the writer sets such a record aside as unreadable_event: it made no row
        }
        skipped++;
        return null;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
