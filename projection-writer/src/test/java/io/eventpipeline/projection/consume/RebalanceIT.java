package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scale-out and scale-in under load: partitions move between writers while events keep coming. */
class RebalanceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldWriteEveryEventExactlyOnceWhenPartitionsMoveBetweenWriters() {
        try (WriterFixture fx = new WriterFixture("rebalance_it")) {
            Map<String, Long> versions = new HashMap<>();
            WriterRuntime first = WriterRuntime.start(fx.settings(40), fx.dsl, fx.registry, Clock.systemUTC(),
                    AfterCommitHook.NONE);
            fx.sendAll(events(versions, 300));
            WriterFixture.await("some events stored", WAIT, () -> fx.count("SELECT count(*) FROM events") > 0);

            WriterRuntime second = WriterRuntime.start(fx.settings(40), fx.dsl, fx.registry, Clock.systemUTC(),
                    AfterCommitHook.NONE);
            WriterFixture.await("both writers own partitions", WAIT, () -> first.consumer().status().positionedPartitions() > 0
                    && second.consumer().status().positionedPartitions() > 0
                    && first.consumer().status().positionedPartitions() + second.consumer().status().positionedPartitions() == 3);
            fx.sendAll(events(versions, 300));
            WriterFixture.await("the second batch of 300 stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 600);
            first.close();
            fx.sendAll(events(versions, 300));
            WriterFixture.await("all 900 stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 900);
            second.close();

            assertThat(fx.count("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(900);
            assertThat(fx.count("SELECT count(*) FROM aggregates WHERE version <> event_count")).isZero();
            assertThat(fx.count("SELECT sum(event_count) FROM aggregates")).isEqualTo(900);
            assertThat(fx.count("SELECT sum(next_offset) FROM projection_offsets")).isEqualTo(900);
            assertThat(fx.count("SELECT count(*) FROM (SELECT aggregate_id, event_version FROM events "
                    + "GROUP BY 1, 2 HAVING count(*) > 1) d")).isZero();
        }
    }

    private static List<EventEnvelope> events(Map<String, Long> versions, int count) {
        List<EventEnvelope> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "o-" + (i % 40);
            long version = versions.merge(id, 1L, Long::sum);
            events.add(event("order", id, "order.updated", version, Instant.now(), "{\"i\":" + i + "}"));
        }
        return events;
    }
}
