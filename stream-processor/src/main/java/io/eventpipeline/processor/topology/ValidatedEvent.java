package io.eventpipeline.processor.topology;

import io.eventpipeline.schemas.EventEnvelope;
import java.util.Objects;
import java.util.UUID;

/**
 * An event that passed validation, on its way through dedup and versioning: the envelope, and the
 * bytes it arrived as when those can go to {@code events.log} with only the version added
 * ({@link EnvelopeBytes#withVersion}); {@code null} when the envelope must be written anew.
 *
 * @param envelope the envelope read from the validated bytes
 * @param reusable the original bytes, or {@code null}; never modified
 */
public record ValidatedEvent(EventEnvelope envelope, byte[] reusable) {

    public ValidatedEvent {
        Objects.requireNonNull(envelope, "envelope");
    }

    public UUID eventId() {
        return envelope.eventId();
    }
}
