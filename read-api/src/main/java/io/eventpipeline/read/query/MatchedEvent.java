package io.eventpipeline.read.query;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** An event whose payload contains the searched document, with the aggregate it belongs to. */
public record MatchedEvent(String aggregateType, String aggregateId, UUID eventId, long version, String eventType,
        OffsetDateTime occurredAt, OffsetDateTime createdAt, JsonNode payload, JsonNode metadata) {
}
