package io.eventpipeline.processor.topology;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds the record for {@code events.rejected}: the reason in the value and in the {@code reason}
 * header, the envelope when it could be read, else the original bytes, and where it came from.
 */
public final class Rejections {

    /** Stable reasons, also the values of the {@code reason} header. */
    public static final String UNDESERIALISABLE = "undeserialisable";
    public static final String INVALID_ENVELOPE = "invalid_envelope";
    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String KEY_MISMATCH = "key_mismatch";
    public static final String VERSION_CONFLICT = "version_conflict";

    private Rejections() {
    }

    public static Record<String, RejectedEvent> of(Record<String, ?> source, RecordMetadata from, String reason,
            String detail, EventEnvelope envelope, byte[] originalBytes) {
        RejectedEvent rejected = new RejectedEvent(reason, detail, envelope,
                originalBytes == null ? null : Base64.getEncoder().encodeToString(originalBytes),
                from == null ? null : from.topic(),
                from == null ? -1 : from.partition(),
                from == null ? -1 : from.offset(),
                Instant.now());
        RecordHeaders headers = new RecordHeaders(source.headers().toArray());
        headers.remove(Topics.REASON_HEADER);
        headers.add(Topics.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        return new Record<>(source.key(), rejected, source.timestamp(), headers);
    }
}
