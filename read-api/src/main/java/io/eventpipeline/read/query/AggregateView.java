package io.eventpipeline.read.query;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The stream head of one aggregate, as the {@code aggregates} projection holds it. Its revision is the
 * version: the writer changes the row only when the version grows (every column moves with it).
 */
public record AggregateView(String aggregateType, String aggregateId, long version, UUID lastEventId, String lastEventType,
        long eventCount, OffsetDateTime updatedAt) implements Revisioned {

    @Override
    public String revision() {
        return "v" + version;
    }
}
