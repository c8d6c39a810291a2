package io.eventpipeline.read.query;

import java.util.List;

/**
 * Events of one aggregate from {@code fromVersion} in version order, at most {@code limit}. Its revision is
 * the page's count and first and last version: stored events never change and a version is never reused, so
 * the page changes exactly when an append reaches it (a full page stays the same).
 */
public record EventPage(String aggregateType, String aggregateId, long fromVersion, int limit, List<EventView> events)
        implements Revisioned {

    public EventPage {
        events = List.copyOf(events);
    }

    @Override
    public String revision() {
        if (events.isEmpty()) {
            return "empty";
        }
        return events.size() + ":" + events.getFirst().version() + "-" + events.getLast().version();
    }
}
