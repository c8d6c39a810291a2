package io.eventpipeline.ingest.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as a producer posted it, already valid against the request schema (and its payload schema).
 * {@code payload} and {@code metadata} are compact JSON text; {@code eventId} is {@code null} when the
 * producer left it to the API.
 */
public record EventRequest(
        UUID eventId,
        String aggregateType,
        String aggregateId,
        String eventType,
        Long expectedVersion,
        Instant occurredAt,
        String payload,
        String metadata) {
}
