package io.eventpipeline.bench.processor;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The processor benchmark's input: envelopes as the ingest-api writes them onto {@code events.raw}, a share
 * of them repeated (the same event id again, as a retrying producer's duplicate).
 */
public final class BenchInput {

    private static final Instant CREATED = Instant.parse("2026-11-27T08:00:00Z");

    private BenchInput() {
    }

    /** A deterministic id for the n-th event of a run, so a duplicate is the same n again. */
    static UUID idOf(long run, long n) {
        return new UUID(run, n);
    }

    static EventEnvelope envelope(UUID eventId, String aggregateId, int eventBytes) {
        EventEnvelope plain = envelope(eventId, aggregateId, "");
        int pad = eventBytes - Json.MAPPER.writeValueAsBytes(plain).length - ",\"note\":\"\"".length();
        return pad <= 0 ? plain : envelope(eventId, aggregateId, ",\"note\":\"" + "x".repeat(pad) + "\"");
    }

    private static EventEnvelope envelope(UUID eventId, String aggregateId, String extraPayload) {
        return new EventEnvelope(eventId, "order", aggregateId, "order.placed", CREATED,
                "{\"amount\":17,\"currency\":\"EUR\"" + extraPayload + "}", "{\"source\":\"bench\"}", "producer-1",
                "key-" + eventId, CREATED, null, null);
    }

    public static void produce(String bootstrap, String prefix, int events, double duplicateShare) {
        produce(bootstrap, prefix, events, duplicateShare, 0);
    }

    /**
     * As above, each envelope padded (a {@code note} in its payload) to about {@code eventBytes} on the topic;
     * 0 leaves the envelope as it is (about 330 bytes).
     */
    public static void produce(String bootstrap, String prefix, int events, double duplicateShare, int eventBytes) {
        String topic = Topics.EVENTS_RAW.prefixed(prefix).name();
        Random random = new Random(7);
        List<EventEnvelope> sent = new ArrayList<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        long started = System.nanoTime();
        try (var producer = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                EventEnvelope e;
                if (!sent.isEmpty() && random.nextDouble() < duplicateShare) {
                    e = sent.get(random.nextInt(sent.size()));
                } else {
                    e = envelope(idOf(2, i), "agg-" + random.nextInt(10_000), eventBytes);
                    sent.add(e);
                }
                producer.send(new ProducerRecord<>(topic, e.key(), Json.MAPPER.writeValueAsBytes(e)), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the input failed", failed.get());
        }
        System.out.printf("  produced %,d events (%,d distinct) in %.1f s%n", events, sent.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A producer of benchmark input (also the writer benchmark's): batched lz4, patient enough for a saturated
     * shared machine, and not idempotent.
     */
    public static Map<String, Object> producerProps(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a busy shared machine can stall the broker for minutes; the input must arrive whole, not time out
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 900_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300_000);
        // not idempotent: on a saturated machine an idempotent producer that timed out resets its sequence and the
        // broker then refuses its batches for good (OutOfOrderSequenceException, seen here); one request in flight
        // keeps the order, and a retried duplicate only adds a record the consumers then have to skip as well
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return props;
    }

    public static long endOffsets(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    public static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
