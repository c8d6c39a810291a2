package io.eventpipeline.ingest.publish;

import io.eventpipeline.schemas.Acceptance;
import io.eventpipeline.schemas.EnvelopeWriter;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.EventRequest;
import java.util.List;
import java.util.UUID;

/**
 * The events of one accepted request on their way to {@code events.raw}: each as it was posted, with the id
 * it is stored under, and what the request adds to all of them ({@link Acceptance}: producer,
 * Idempotency-Key, createdAt). Payload and metadata stay the trees the request was parsed into, so they are
 * written once, straight into the record ({@link EnvelopeWriter}).
 */
public record AcceptedEvents(Acceptance acceptance, List<EventRequest> events, List<UUID> eventIds) {

    public AcceptedEvents {
        events = List.copyOf(events);
        eventIds = List.copyOf(eventIds);
        if (events.size() != eventIds.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + eventIds.size() + " ids");
        }
    }

    public int size() {
        return events.size();
    }

    /** The Kafka record key of event {@code i}, as {@link EventEnvelope#key()}. */
    String key(int i) {
        EventRequest event = events.get(i);
        return EventEnvelope.aggregateKey(acceptance.producerId(), event.aggregateType(), event.aggregateId());
    }

    /** The {@code events.raw} value of event {@code i}. */
    byte[] value(int i) {
        return EnvelopeWriter.bytes(events.get(i), eventIds.get(i), acceptance);
    }
}
