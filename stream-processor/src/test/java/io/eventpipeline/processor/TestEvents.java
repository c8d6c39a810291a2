package io.eventpipeline.processor;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.time.Instant;
import java.util.UUID;

/** Envelopes as the ingest-api writes them onto events.raw, for tests and benchmarks. */
public final class TestEvents {

    private static final Instant CREATED = Instant.parse("2026-11-27T08:00:00Z");

    private TestEvents() {
    }

    public static EventEnvelope envelope(UUID eventId, String aggregateId, Long expectedVersion) {
        return new EventEnvelope(eventId, "order", aggregateId, "order.placed", CREATED,
                "{\"amount\":17,\"currency\":\"EUR\"}", "{\"source\":\"test\"}", "producer-1",
                "key-" + eventId, CREATED, expectedVersion, null);
    }

    public static EventEnvelope envelope(UUID eventId, String aggregateId) {
        return envelope(eventId, aggregateId, null);
    }

    public static byte[] bytes(EventEnvelope envelope) {
        return Json.MAPPER.writeValueAsBytes(envelope);
    }

    /** A deterministic id for the n-th event of a run, so a duplicate is the same n again. */
    public static UUID idOf(long run, long n) {
        return new UUID(run, n);
    }
}
