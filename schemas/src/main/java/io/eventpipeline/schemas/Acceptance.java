package io.eventpipeline.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * What the ingest-api adds to every event of one accepted request: the producer (tenant) whose key posted it,
 * the request's Idempotency-Key and the moment it was accepted. With an {@link EventRequest} and the event's
 * id it makes the {@link EventEnvelope} ({@link EventEnvelope#accepted}).
 */
public record Acceptance(String producerId, String idempotencyKey, Instant createdAt) {

    public Acceptance {
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
