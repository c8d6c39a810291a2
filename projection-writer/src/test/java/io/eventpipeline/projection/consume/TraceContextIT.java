package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.RejectedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Trace context continues through the writer (docs/decisions.md D5): the trace id of the events.log
 * record's traceparent is kept with the row, and the invalidation and the rejection carry the header.
 */
class TraceContextIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String OTHER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void shouldKeepTheTraceIdWithTheRowAndPassTheTraceparentOnWhenEventsCarryOne() {
        try (WriterFixture fx = new WriterFixture("trace_context_it");
                WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                        AfterCommitHook.NONE)) {
            fx.sendTraced(event("order", "o-traced", "order.placed", 1, Instant.now(), "{}"), TRACEPARENT);
            fx.sendTraced(event("memory", "m-bad", "memory.created", 1, Instant.now(), "{\"content\":\"no user\"}"), OTHER);
            fx.sendAll(List.of(event("order", "o-plain", "order.placed", 1, Instant.now(), "{}")));
            WriterFixture.await("offsets past all 3 records", Duration.ofSeconds(60),
                    () -> fx.count("SELECT coalesce(sum(next_offset), 0) FROM projection_offsets") == 3);

            assertThat(fx.dsl.fetchValue("SELECT trace_id FROM events WHERE aggregate_id = 'o-traced'")).isEqualTo(TRACE_ID);
            assertThat(fx.dsl.fetchValue("SELECT trace_id FROM events WHERE aggregate_id = 'o-plain'")).isNull();
            List<ConsumerRecord<String, CacheInvalidation>> invalidations = fx.invalidationsUntil(
                    r -> r.stream().anyMatch(i -> i.key().endsWith("/o-traced")));
            assertThat(invalidations).filteredOn(r -> r.key().endsWith("/o-traced")).allSatisfy(r ->
                    assertThat(new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                            .isEqualTo(TRACEPARENT));
            List<ConsumerRecord<String, RejectedEvent>> rejected = fx.rejectedUntil(r -> !r.isEmpty());
            assertThat(rejected).singleElement().satisfies(r -> assertThat(
                    new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(OTHER));
        }
    }
}
