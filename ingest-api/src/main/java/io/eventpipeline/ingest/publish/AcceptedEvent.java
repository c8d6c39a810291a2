package io.eventpipeline.ingest.publish;

import io.eventpipeline.schemas.EventEnvelope;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An event the API accepted, about to go to {@code events.raw}: the {@link EventEnvelope} fields, with
 * payload and metadata still the trees the request was parsed into, so they are written once, straight
 * into the record (see {@link EnvelopeJson}), instead of to text and then again into the envelope.
 */
public record AcceptedEvent(
        UUID eventId,
        String aggregateType,
        String aggregateId,
        String eventType,
        Instant occurredAt,
        JsonNode payload,
        JsonNode metadata,
        String producerId,
        String idempotencyKey,
        Instant createdAt,
        Long expectedVersion) {

    public AcceptedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The Kafka record key, as {@link EventEnvelope#key()}. */
    public String key() {
        return EventEnvelope.aggregateKey(producerId, aggregateType, aggregateId);
    }

    /** The same event as the pipeline's envelope (payload and metadata as compact JSON text). */
    public EventEnvelope toEnvelope() {
        return new EventEnvelope(eventId, aggregateType, aggregateId, eventType, occurredAt, payload.toString(),
                metadata == null || metadata.isNull() ? null : metadata.toString(), producerId, idempotencyKey,
                createdAt, expectedVersion, null);
    }
}
