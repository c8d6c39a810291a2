package io.eventpipeline.schemas;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One event as a producer posted it ({@code event-request.schema.json}), already valid against the request
 * schema and its payload schema. {@code payload} and {@code metadata} are the parsed trees (metadata
 * {@code null} when absent); {@code eventId} is {@code null} when the producer left it to the API.
 * {@link EnvelopeWriter} writes it, once accepted, as the envelope of {@code events.raw}.
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
