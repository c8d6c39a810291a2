package io.eventpipeline.projection.batch;

import io.eventpipeline.schemas.EventEnvelope;
import java.util.Objects;

/** A versioned envelope read from {@code events.log}, with where it was read: the offset is what the writer commits. */
public record LogEvent(String topic, int partition, long offset, EventEnvelope envelope) {

    public LogEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.version() == null) {
            throw new IllegalArgumentException("event " + envelope.eventId() + " at " + topic + "-" + partition + "@"
                    + offset + " has no version");
        }
    }

    public long version() {
        return envelope.version();
    }
}
