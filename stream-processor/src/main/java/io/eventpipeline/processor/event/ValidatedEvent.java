package io.eventpipeline.processor.event;

import io.eventpipeline.schemas.EnvelopeBytes;
import io.eventpipeline.schemas.EventEnvelope;
import java.util.Objects;
import java.util.UUID;

/**
 * An event that passed validation, on its way through dedup and versioning: the envelope, the bytes it
 * arrived as (for a rejection's digest), and whether those bytes can go to {@code events.log} with only the
 * version added ({@link EnvelopeBytes#withVersion}).
 *
 * @param envelope the envelope read from the validated bytes
 * @param original the record value as it arrived; never modified
 * @param reusable whether {@code original} can be spliced instead of serialising the envelope anew
 * @param origin   where it was read from {@code events.raw}
 */
public record ValidatedEvent(EventEnvelope envelope, byte[] original, boolean reusable, EventOrigin origin) {

    public ValidatedEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(origin, "origin");
    }

    public UUID eventId() {
        return envelope.eventId();
    }

    /** The producer (tenant) that sent it: dedup is per producer (docs/decisions.md D1). */
    public String producerId() {
        return envelope.producerId();
    }

    /** The {@code events.log} value with {@code version} set. */
    public byte[] withVersion(long version) {
        return EnvelopeBytes.withVersion(envelope, reusable ? original : null, version);
    }
}
