package io.eventpipeline.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One event as it travels through the pipeline: accepted by the ingest-api onto {@code events.raw},
 * deduplicated and versioned by the stream-processor onto {@code events.log}, stored by the
 * projection-writer.
 *
 * <p>Immutable: {@code payload} and {@code metadata} are held as compact JSON text, so an envelope can
 * be passed through without re-parsing and can never be changed after it is built. {@code version}
 * is {@code null} until the stream-processor assigns it; {@code expectedVersion} is the producer's
 * optimistic-concurrency check and is {@code null} when the producer did not send one.
 *
 * <p>{@code producerId} is the tenant (docs/decisions.md D1): it is required, and it leads the Kafka key,
 * so an aggregate lives in its producer's namespace and no producer can append to another's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        UUID eventId,
        String aggregateType,
        String aggregateId,
        String eventType,
        Instant occurredAt,
        @JsonRawValue @JsonDeserialize(using = RawJsonDeserializer.class) String payload,
        @JsonRawValue @JsonDeserialize(using = RawJsonDeserializer.class) String metadata,
        String producerId,
        String idempotencyKey,
        Instant createdAt,
        Long expectedVersion,
        Long version) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The Kafka record key, {@code producerId/aggregateType/aggregateId}: all events of one aggregate share
     * a partition, so their order holds, and the producer leads it, so aggregates of two producers never mix.
     */
    public String key() {
        return aggregateKey(producerId, aggregateType, aggregateId);
    }

    /** {@code producerId/aggregateType/aggregateId}; unambiguous because none of the three may hold a '/'. */
    public static String aggregateKey(String producerId, String aggregateType, String aggregateId) {
        return producerId + "/" + aggregateType + "/" + aggregateId;
    }

    /**
     * The envelope of an accepted request's event, payload and metadata as compact JSON text; {@link EnvelopeWriter}
     * writes the same bytes straight from the trees.
     */
    public static EventEnvelope accepted(EventRequest event, UUID eventId, Acceptance acceptance) {
        JsonNode metadata = event.metadata();
        return new EventEnvelope(eventId, event.aggregateType(), event.aggregateId(), event.eventType(),
                event.occurredAt(), event.payload().toString(), metadata == null || metadata.isNull() ? null
                : metadata.toString(), acceptance.producerId(), acceptance.idempotencyKey(), acceptance.createdAt(),
                event.expectedVersion(), null);
    }

    public EventEnvelope withVersion(long assigned) {
        return new EventEnvelope(eventId, aggregateType, aggregateId, eventType, occurredAt, payload, metadata,
                producerId, idempotencyKey, createdAt, expectedVersion, assigned);
    }
}
