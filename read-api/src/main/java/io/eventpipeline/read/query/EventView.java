package io.eventpipeline.read.query;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One stored event of an aggregate; {@code payload} and {@code metadata} are the stored JSON documents. */
public record EventView(UUID eventId, long version, String eventType, OffsetDateTime occurredAt, OffsetDateTime createdAt,
        JsonNode payload, JsonNode metadata) {
}
