package io.eventpipeline.processor.event;

import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.RejectionRecord;
import io.eventpipeline.schemas.SizeBudget;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the records for {@code events.rejected}: the reason in the value and in the {@code reason} header,
 * the envelope when it could be read, else the original bytes, where it came from, and the source record's
 * headers (trace context). Sized by {@link RejectionRecord} so it always fits the topic; every rejection is
 * logged with topic, partition and offset and counted by reason.
 */
public final class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final SizeBudget budget;
    private final String topic;
    private final SinkLimits limits;
    private final ProcessorMetrics metrics;
    private final Clock clock;

    /** Rejections to {@code topic} (the prefixed name of events.rejected). */
    public Rejections(SizeBudget budget, String topic, SinkLimits limits, ProcessorMetrics metrics, Clock clock) {
        this.budget = budget;
        this.topic = topic;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The {@code events.rejected} record for {@code source}, read at {@code from}.
     *
     * @param envelope the event when it could be read, else {@code null}
     * @param original the record value as read, or {@code null}
     */
    public Record<String, byte[]> of(Record<String, ?> source, EventOrigin from, RejectionReason reason,
            String detail, EventEnvelope envelope, byte[] original) {
        RejectedEvent rejected = RejectedEvent.of(reason, detail, sourceOf(source.key(), from), envelope, original,
                clock.instant());
        return record(rejected, source);
    }

    /**
     * The {@code events.rejected} record for {@code source}, whose value could not be read as an envelope and
     * travels as it is.
     *
     * @param eventId the event's id when the bytes named a valid one, else {@code null}
     */
    public Record<String, byte[]> unreadable(Record<String, byte[]> source, EventOrigin from,
            RejectionReason reason, String detail, UUID eventId) {
        RejectedEvent rejected = RejectedEvent.of(reason, detail, sourceOf(source.key(), from), null, source.value(),
                clock.instant());
        return record(eventId == null ? rejected : rejected.withEventId(eventId), source);
    }

    private Record<String, byte[]> record(RejectedEvent rejected, Record<String, ?> source) {
        RejectionRecord out = RejectionRecord.of(rejected, source.headers(), valueRoom());
        log.warn("rejected record at {}-{}@{}: {}{} ({})", rejected.sourceTopic(), rejected.partition(),
                rejected.offset(), rejected.reason(), out.event().truncated() ? " (truncated to fit)" : "",
                abbreviate(rejected.detail()));
        metrics.rejected(rejected.reason());
        return new Record<>(out.key(), out.value(), source.timestamp(), EventOrigin.strip(out.headers()));
    }

    // the budget's room, or less once the topic refused a record (SinkLimits): then the truncated form goes
    private int valueRoom() {
        int room = budget.rejectionValueMaxBytes();
        return limits.refusedSize(topic).map(refused -> Math.min(room, refused - SizeBudget.HEADERS_MAX_BYTES
                - 3 * SizeBudget.KEY_MAX_CHARS - 1024)).orElse(room);
    }

    private static RejectedEvent.Source sourceOf(String key, EventOrigin from) {
        return new RejectedEvent.Source(key, from.topic(), from.partition(), from.offset());
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
