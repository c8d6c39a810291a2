package io.eventpipeline.processor;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/** Envelopes as the ingest-api writes them onto events.raw, for tests and benchmarks. */
public final class TestEvents {

    private static final Instant CREATED = Instant.parse("2026-11-27T08:00:00Z");

    private TestEvents() {
    }

    public static EventEnvelope envelope(UUID eventId, String aggregateId, Long expectedVersion) {
        return envelopeOf("producer-1", eventId, aggregateId, expectedVersion);
    }

    /** An event of {@code producerId} (a tenant). */
    public static EventEnvelope envelopeOf(String producerId, UUID eventId, String aggregateId, Long expectedVersion) {
        return new EventEnvelope(eventId, "order", aggregateId, "order.placed", CREATED,
                "{\"amount\":17,\"currency\":\"EUR\"}", "{\"source\":\"test\"}", producerId,
                "key-" + eventId, CREATED, expectedVersion, null);
    }

    public static EventEnvelope envelope(UUID eventId, String aggregateId) {
        return envelope(eventId, aggregateId, null);
    }

    /** A valid event whose serialized envelope is {@code totalBytes} long (a payload of one long string). */
    public static EventEnvelope sized(UUID eventId, String aggregateId, Long expectedVersion, int totalBytes) {
        EventEnvelope empty = envelope(eventId, aggregateId, expectedVersion);
        int fixed = bytes(new EventEnvelope(eventId, "order", aggregateId, "order.placed", CREATED, "{\"blob\":\"\"}",
                empty.metadata(), empty.producerId(), empty.idempotencyKey(), CREATED, expectedVersion, null)).length;
        String payload = "{\"blob\":\"" + "x".repeat(totalBytes - fixed) + "\"}";
        return new EventEnvelope(eventId, "order", aggregateId, "order.placed", CREATED, payload, empty.metadata(),
                empty.producerId(), empty.idempotencyKey(), CREATED, expectedVersion, null);
    }

    /** The same, with a payload of random base64 text: it does not compress, so the broker sees its size too. */
    public static EventEnvelope sizedRandom(UUID eventId, String aggregateId, int totalBytes, long seed) {
        EventEnvelope shape = sized(eventId, aggregateId, null, totalBytes);
        byte[] noise = new byte[totalBytes];
        new Random(seed).nextBytes(noise);
        String blob = Base64.getEncoder().encodeToString(noise).substring(0, shape.payload().length() - 12);
        return new EventEnvelope(eventId, "order", aggregateId, "order.placed", CREATED, "{\"blob\":\"" + blob + "\"}",
                shape.metadata(), shape.producerId(), shape.idempotencyKey(), CREATED, null, null);
    }

    /** The bytes of a valid event with {@code from} (e.g. {@code "o-1"} or {@code "test"}) spelled {@code to}. */
    public static byte[] spelledWith(EventEnvelope envelope, String from, String to) {
        return new String(bytes(envelope), StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(EventEnvelope envelope) {
        return Json.MAPPER.writeValueAsBytes(envelope);
    }

    /** A deterministic id for the n-th event of a run, so a duplicate is the same n again. */
    public static UUID idOf(long run, long n) {
        return new UUID(run, n);
    }
}
