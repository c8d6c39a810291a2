package io.eventpipeline.projection.batch;

import io.eventpipeline.schemas.EventEnvelope;

/**
 * A record of {@code events.log} that will never reach Postgres, with a stable reason. It goes to
 * {@code events.rejected} before the offsets passing it are committed.
 *
 * @param envelope      the event when it could be read, else {@code null}
 * @param originalBytes the raw value when it could not be read, else {@code null}
 * @param recordKey     the Kafka key of the record as read
 */
public record Rejection(String reason, String detail, EventEnvelope envelope, byte[] originalBytes, String recordKey,
        String topic, int partition, long offset) {

    public static final String UNREADABLE = "unreadable_event";
    public static final String MISSING_VERSION = "missing_version";
    public static final String NOT_WRITABLE = "not_writable";
    /** The event's month is past the retention or its partition was detached: it is not written into a re-created month. */
    public static final String PARTITION_RETIRED = "partition_retired";

    /** A readable event of {@code events.log} set aside for {@code reason}. */
    public static Rejection of(String reason, String detail, LogEvent event) {
        return new Rejection(reason, detail, event.envelope(), null, event.envelope().key(), event.topic(),
                event.partition(), event.offset());
    }

    /** The key on events.rejected: the aggregate's, or the original record's when the value was unreadable. */
    public String key() {
        return envelope == null ? recordKey : envelope.key();
    }
}
