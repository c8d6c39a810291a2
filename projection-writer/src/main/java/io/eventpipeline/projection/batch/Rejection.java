package io.eventpipeline.projection.batch;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectionReason;
import org.apache.kafka.common.header.Headers;

/**
 * A record of {@code events.log} that will never reach Postgres, with its reason. It goes to
 * {@code events.rejected} before the offsets passing it are committed.
 *
 * @param envelope      the event when it could be read, else {@code null}
 * @param originalBytes the raw value when it could not be read, else {@code null}
 * @param recordKey     the Kafka key of the record as read
 * @param headers       the record's headers (trace context), or {@code null}
 */
public record Rejection(RejectionReason reason, String detail, EventEnvelope envelope, byte[] originalBytes,
        String recordKey, String topic, int partition, long offset, Headers headers) {

    /** A readable event of {@code events.log} set aside for {@code reason}. */
    public static Rejection of(RejectionReason reason, String detail, LogEvent event) {
        return new Rejection(reason, detail, event.envelope(), null, event.envelope().key(), event.topic(),
                event.partition(), event.offset(), event.headers());
    }

    /** The key on events.rejected: the aggregate's, or the original record's when the value was unreadable. */
    public String key() {
        return envelope == null ? recordKey : envelope.key();
    }
}
