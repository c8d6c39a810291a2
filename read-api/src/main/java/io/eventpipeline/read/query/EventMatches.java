package io.eventpipeline.read.query;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The newest events (at most {@code limit}) whose payload contains {@code contains} (jsonb {@code @>}). Stored
 * events never change, so the revision is the ids of the page in order: it moves when a newer match arrives.
 */
public record EventMatches(JsonNode contains, int limit, List<MatchedEvent> events) implements Revisioned {

    public EventMatches {
        events = List.copyOf(events);
    }

    @Override
    public String revision() {
        Digest ids = Digest.start();
        events.forEach(e -> ids.add(e.eventId()));
        return events.size() + ":" + ids.finish();
    }
}
