package io.eventpipeline.ingest.api;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One event as a producer posted it, already valid against the request schema (and its payload schema).
 * {@code payload} and {@code metadata} are the parsed trees (metadata {@code null} when absent);
 * {@code eventId} is {@code null} when the producer left it to the API.
 */
public record EventRequest(
        UUID eventId,
        String aggregateType,
        String aggregateId,
        String eventType,
        Long expectedVersion,
        Instant occurredAt,
        JsonNode payload,
        JsonNode metadata) {
}
