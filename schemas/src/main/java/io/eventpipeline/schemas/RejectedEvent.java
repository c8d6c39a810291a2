package io.eventpipeline.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * An event that passed the API but was refused later. Nothing is dropped silently: either the
 * parsed {@code envelope} or, when the bytes could not be read at all, the {@code originalBytes}
 * (base64) travel with the reason. The reason is also written to the {@link Topics#REASON_HEADER} header.
 *
 * @param reason       a stable machine-readable reason, e.g. {@code version_conflict}, {@code invalid_envelope}
 * @param detail       a human-readable explanation
 * @param sourceTopic  where the event was read from
 * @param partition    its partition there
 * @param offset       its offset there
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedEvent(
        String reason,
        String detail,
        EventEnvelope envelope,
        String originalBytes,
        String sourceTopic,
        int partition,
        long offset,
        Instant rejectedAt) {

    public RejectedEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }
}
