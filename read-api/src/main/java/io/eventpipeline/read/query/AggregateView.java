package io.eventpipeline.read.query;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The stream head of one aggregate, as the {@code aggregates} projection holds it. */
public record AggregateView(String aggregateType, String aggregateId, long version, UUID lastEventId, String lastEventType,
        long eventCount, OffsetDateTime updatedAt) {
}
