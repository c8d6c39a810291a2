package io.eventpipeline.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * An event that was refused after it reached Kafka. Nothing is dropped silently: the full form carries the
 * parsed {@code envelope} or, when the bytes could not be read as one, the {@code originalBytes} (base64),
 * with the reason, also written to the {@link Topics#REASON_HEADER} header. When the full form would not fit
 * the topic ({@link SizeBudget#rejectionValueMaxBytes()}), the {@link #toTruncated()} form is written instead:
 * reason, detail, eventId, key, where it came from and the SHA-256 and size of the original, never the event.
 *
 * @param reason         why it was refused
 * @param detail         a human-readable explanation, at most {@value #DETAIL_MAX_CHARS} characters
 * @param envelope       the event, when it could be read (full form only)
 * @param originalBytes  the original record value in base64, when it could not be read (full form only)
 * @param sourceTopic    where the record was read from
 * @param partition      its partition there
 * @param offset         its offset there
 * @param rejectedAt     when it was refused
 * @param eventId        the event's id when known, so a re-drive keeps it and dedup still holds
 * @param key            the record key as read, at most {@value SizeBudget#KEY_MAX_CHARS} characters
 * @param originalSha256 hex SHA-256 of the original record value, when known
 * @param originalSize   size in bytes of the original record value, when known
 * @param truncated      {@code true} when the event itself was left out to fit the topic
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedEvent(
        RejectionReason reason,
        String detail,
        EventEnvelope envelope,
        String originalBytes,
        String sourceTopic,
        int partition,
        long offset,
        Instant rejectedAt,
        UUID eventId,
        String key,
        String originalSha256,
        Integer originalSize,
        boolean truncated) {

    public static final int DETAIL_MAX_CHARS = 1000;

    public RejectedEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        detail = detail == null ? null : Text.clean(detail, DETAIL_MAX_CHARS);
        key = key == null ? null : Text.clean(key, SizeBudget.KEY_MAX_CHARS);
    }

    /** Where a refused record was read: its key, topic, partition and offset (-1 when unknown). */
    public record Source(String key, String topic, int partition, long offset) {
    }

    /**
     * The full form of a rejection.
     *
     * @param envelope the event when it could be read; else the original bytes travel in base64
     * @param original the record value as read, for the digest and size (and the base64 copy); may be {@code null}
     */
    public static RejectedEvent of(RejectionReason reason, String detail, Source source, EventEnvelope envelope,
            byte[] original, Instant rejectedAt) {
        return new RejectedEvent(reason, detail, envelope,
                envelope == null && original != null ? Base64.getEncoder().encodeToString(original) : null,
                source.topic(), source.partition(), source.offset(), rejectedAt,
                envelope == null ? null : envelope.eventId(), source.key(),
                original == null ? null : sha256(original), original == null ? null : original.length, false);
    }

    /** The same rejection with the event's id, when it is known although the envelope could not be read. */
    public RejectedEvent withEventId(UUID id) {
        return new RejectedEvent(reason, detail, envelope, originalBytes, sourceTopic, partition, offset, rejectedAt,
                id, key, originalSha256, originalSize, truncated);
    }

    /** The form that always fits: everything but the event itself. */
    public RejectedEvent toTruncated() {
        return new RejectedEvent(reason, detail, null, null, sourceTopic, partition, offset, rejectedAt, eventId, key,
                originalSha256, originalSize, true);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
