package io.eventpipeline.bench;

import io.eventpipeline.bench.processor.BenchInput;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The writer family's input: the same events twice, as the projection-writer reads them from {@code events.log}
 * (versioned envelopes) and as a Kafka Connect sink reads them (JsonConverter records with a schema: a flat struct
 * whose fields are the {@code events} columns, with Debezium's semantic types for uuid, jsonb and timestamptz).
 */
final class WriterInput {

    static final String CONNECT_TOPIC = "connect.events";
    private static final String SCHEMA = """
            {"type":"struct","name":"events","optional":false,"fields":[\
            {"field":"event_id","type":"string","optional":false,"name":"io.debezium.data.Uuid"},\
            {"field":"aggregate_type","type":"string","optional":false},\
            {"field":"aggregate_id","type":"string","optional":false},\
            {"field":"event_version","type":"int64","optional":false},\
            {"field":"event_type","type":"string","optional":false},\
            {"field":"producer_id","type":"string","optional":true},\
            {"field":"idempotency_key","type":"string","optional":true},\
            {"field":"occurred_at","type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp"},\
            {"field":"created_at","type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp"},\
            {"field":"event_data","type":"string","optional":false,"name":"io.debezium.data.Json"},\
            {"field":"metadata","type":"string","optional":true,"name":"io.debezium.data.Json"}]}""";

    private WriterInput() {
    }

    /** Writes {@code rows} events onto the prefix's events.log and the same events onto its connect topic. */
    static void produce(String bootstrap, String prefix, int rows) {
        Map<String, Object> props = BenchInput.producerProps(bootstrap);
        String log = Topics.EVENTS_LOG.prefixed(prefix).name();
        Random random = new Random(42);
        Map<Integer, Long> versions = new HashMap<>();
        Instant now = Instant.now();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < rows; i++) {
                int aggregate = random.nextInt(2_000);
                EventEnvelope e = event(random, aggregate, versions.merge(aggregate, 1L, Long::sum), now.plusNanos(i * 1000L));
                producer.send(new ProducerRecord<>(log, e.key(), Json.MAPPER.writeValueAsBytes(e)), (m, error) -> fail(failed, error));
                producer.send(new ProducerRecord<>(prefix + CONNECT_TOPIC, e.key(), connectRecord(e)), (m, error) -> fail(failed, error));
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the writer input failed", failed.get());
        }
    }

    private static void fail(AtomicReference<Exception> failed, Exception error) {
        if (error != null) {
            failed.compareAndSet(null, error);
        }
    }

    /** About 300-byte payloads over 2,000 aggregates with gapless versions, as the processor writes them. */
    private static EventEnvelope event(Random random, int aggregate, long version, Instant at) {
        String payload = String.format(Locale.ROOT, "{\"orderId\":\"o-%d\",\"amount\":%d.%02d,\"currency\":\"EUR\","
                        + "\"items\":[{\"sku\":\"SKU-%d\",\"qty\":%d},{\"sku\":\"SKU-%d\",\"qty\":1}],"
                        + "\"customer\":{\"id\":\"c-%d\",\"tier\":\"%s\"},\"note\":\"%s\"}", aggregate,
                random.nextInt(1000), random.nextInt(100), random.nextInt(500), 1 + random.nextInt(5),
                random.nextInt(500), random.nextInt(10_000), random.nextBoolean() ? "gold" : "basic", UUID.randomUUID());
        return new EventEnvelope(UUID.randomUUID(), "order", "o-" + aggregate, "order.updated", at, payload,
                "{\"traceId\":\"" + UUID.randomUUID() + "\"}", "bench", "k-" + UUID.randomUUID(), at, null, version);
    }

    private static byte[] connectRecord(EventEnvelope e) {
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", e.eventId().toString());
        row.put("aggregate_type", e.aggregateType());
        row.put("aggregate_id", e.aggregateId());
        row.put("event_version", e.version());
        row.put("event_type", e.eventType());
        row.put("producer_id", e.producerId());
        row.put("idempotency_key", e.idempotencyKey());
        row.put("occurred_at", e.occurredAt().toString());
        row.put("created_at", e.createdAt().toString());
        row.put("event_data", e.payload());
        row.put("metadata", e.metadata());
        String payload = Json.MAPPER.writeValueAsString(row);
        return ("{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8);
    }
}
