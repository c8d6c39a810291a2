package io.eventpipeline.projection.batch;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A versioned envelope read from {@code events.log}, with where it was read (the offset is what the
 * writer commits) and the record's headers (the W3C trace context among them), or {@code null} when none.
 */
public record LogEvent(String topic, int partition, long offset, EventEnvelope envelope, Headers headers) {

    public LogEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.version() == null) {
            throw new IllegalArgumentException("event " + envelope.eventId() + " at " + topic + "-" + partition + "@"
                    + offset + " has no version");
        }
    }

    public LogEvent(String topic, int partition, long offset, EventEnvelope envelope) {
        this(topic, partition, offset, envelope, null);
    }

    public long version() {
        return envelope.version();
    }

    /** The record's {@code traceparent} header, or {@code null}. */
    public String traceparent() {
        Header header = headers == null ? null : headers.lastHeader(RejectionRecord.TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
