package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes versioned events to {@code events.log} as the processor would (key producer/type/id, gapless
 * versions per aggregate) and keeps what they imply for the projections, computed here independently
 * of the projection code: the expected rows of {@code aggregates}, {@code memories}, {@code mcp_contexts}.
 */
final class LogEvents implements AutoCloseable {

    private static final Serializer<EventEnvelope> ENVELOPES = Topics.EVENTS_LOG.valueSerde().serializer();

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, String> aggregates = new TreeMap<>();
    private final Map<String, String[]> memories = new TreeMap<>();
    private final Map<String, List<String>> contexts = new TreeMap<>();
    private final List<EventEnvelope> sent = new ArrayList<>();

    LogEvents(PipelineFixture pipeline) {
        this.producer = pipeline.producer();
        this.topic = pipeline.topic("events.log");
    }

    /** An order event, or for type "memory" a memory.created then memory.deleted, for "context" an mcp.context.recorded. */
    synchronized EventEnvelope send(String producerId, String type, String id) {
        String key = producerId + "/" + type + "/" + id;
        long version = versions.merge(key, 1L, Long::sum);
        String eventType = switch (type) {
            case "memory" -> version == 1 ? "memory.created" : version == 2 ? "memory.deleted" : "memory.touched";
            case "context" -> "mcp.context.recorded";
            default -> type + ".changed";
        };
        String payload = switch (type) {
            case "memory" -> "{\"userId\":\"u-" + id + "\",\"content\":\"c-" + id + "\"}";
            case "context" -> "{\"tool\":\"t-" + id + "\",\"n\":" + version + "}";
            default -> "{\"n\":" + version + "}";
        };
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), type, id, eventType, now, payload, null, producerId,
                null, now, null, version);
        producer.send(new ProducerRecord<>(topic, event.key(), ENVELOPES.serialize(topic, event)));
        expect(event, version);
        sent.add(event);
        return event;
    }

    private void expect(EventEnvelope e, long version) {
        String owned = e.producerId() + "/" + e.aggregateId();
        aggregates.put(e.key(), version + " " + e.eventId() + " " + e.eventType() + " " + version);
        if (e.eventType().equals("memory.created")) {
            memories.putIfAbsent(owned, new String[] {"u-" + e.aggregateId(), "c-" + e.aggregateId(), "null"});
        } else if (e.eventType().equals("memory.deleted") && memories.containsKey(owned) && memories.get(owned)[2].equals("null")) {
            memories.get(owned)[2] = e.createdAt().toString();
        } else if (e.eventType().equals("mcp.context.recorded")) {
            String firstAt = contexts.containsKey(owned) ? contexts.get(owned).getLast() : e.createdAt().toString();
            contexts.put(owned, List.of(e.payload(), firstAt));
        }
    }

    void flush() {
        producer.flush();
    }

    synchronized int count() {
        return sent.size();
    }

    synchronized List<EventEnvelope> sent() {
        return List.copyOf(sent);
    }

    /** producer/type/id → "version lastEventId lastEventType eventCount". */
    synchronized Map<String, String> expectedAggregates() {
        return new TreeMap<>(aggregates);
    }

    /** producer/memoryId → "userId content deletedAt". */
    synchronized Map<String, String> expectedMemories() {
        Map<String, String> rows = new TreeMap<>();
        memories.forEach((k, v) -> rows.put(k, String.join(" ", v)));
        return rows;
    }

    /** producer/contextId → [payload, created_at of the first recording]. */
    synchronized Map<String, List<Object>> expectedContexts() {
        Map<String, List<Object>> rows = new TreeMap<>();
        contexts.forEach((k, v) -> rows.put(k, List.of(Json.MAPPER.readTree(v.getFirst()), v.getLast())));
        return rows;
    }

    @Override
    public void close() {
        producer.close();
    }
}
