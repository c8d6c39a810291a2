package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.schemas.EventEnvelope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FirstOccurrencePropertyTest {

    @Property(tries = 25)
    void shouldOutputExactlyTheFirstOccurrenceOfEachIdInOrder(
            @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 0, max = 40) Integer> idIndexes,
            @ForAll boolean bloom) {
        Map<UUID, String> firstSeenAggregate = new LinkedHashMap<>();
        try (TopologyFixture t = new TopologyFixture(Duration.ofDays(7), bloom)) {
            for (int i = 0; i < idIndexes.size(); i++) {
                UUID id = TestEvents.idOf(7, idIndexes.get(i));
                // all on one aggregate so order and versions are checked together
                t.send(id, "agg", TopologyFixture.T0.plusMillis(i));
                firstSeenAggregate.putIfAbsent(id, "agg");
            }

            List<EventEnvelope> out = t.log.readValuesToList();

            assertThat(out).extracting(EventEnvelope::eventId).containsExactlyElementsOf(firstSeenAggregate.keySet());
            assertThat(out).extracting(EventEnvelope::version)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, out.size()).boxed().toList());
        }
    }
}
