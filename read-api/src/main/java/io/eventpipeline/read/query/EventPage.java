package io.eventpipeline.read.query;

import java.util.List;

/** Events of one aggregate from {@code fromVersion} in version order, at most {@code limit}. */
public record EventPage(String aggregateType, String aggregateId, long fromVersion, int limit, List<EventView> events) {

    public EventPage {
        events = List.copyOf(events);
    }
}
