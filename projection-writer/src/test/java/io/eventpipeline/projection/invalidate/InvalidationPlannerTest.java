package io.eventpipeline.projection.invalidate;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class InvalidationPlannerTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void shouldPublishOneMessagePerTouchedKeyWithTheNewestVersionWhenABatchTouchesAKeyTwice() {
        List<LogEvent> written = List.of(
                log(event("order", "o-1", "order.placed", 1, COMMITTED, "{}")),
                log(event("order", "o-1", "order.paid", 2, COMMITTED, "{}")),
                log(event("memory", "m-1", "memory.created", 1, COMMITTED, "{\"userId\":\"u-1\",\"content\":\"x\"}")),
                log(event("mcp", "c-1", "mcp.context.recorded", 4, COMMITTED, "{\"tool\":\"t\"}")));

        List<CacheInvalidation> messages = InvalidationPlanner.plan(written, COMMITTED).stream()
                .map(PlannedInvalidation::message).toList();

        assertThat(messages).extracting(m -> m.keys().getFirst()).containsExactly(
                "aggregate:producer-1/mcp/c-1", "aggregate:producer-1/memory/m-1", "aggregate:producer-1/order/o-1",
                "mcp-context:producer-1/c-1", "memories:user:producer-1/u-1", "memory:producer-1/m-1");
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.keys()).hasSize(1);
            assertThat(m.committedAt()).isEqualTo(COMMITTED);
        });
        assertThat(messages).filteredOn(m -> m.keys().contains("aggregate:producer-1/order/o-1"))
                .singleElement().satisfies(m -> {
                    assertThat(m.version()).isEqualTo(2);
                    assertThat(m.aggregate()).isEqualTo("producer-1/order/o-1");
                });
        assertThat(messages).filteredOn(m -> m.keys().contains("memory:producer-1/m-1"))
                .singleElement().satisfies(m -> assertThat(m.aggregate()).isEqualTo("memories"));
    }

    @Test
    void shouldCarryTheTraceparentOfTheNewestEventTouchingAKeyWhenEventsHaveOne() {
        String first = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        List<LogEvent> written = List.of(
                traced(event("order", "o-1", "order.placed", 1, COMMITTED, "{}"), first),
                traced(event("order", "o-1", "order.paid", 2, COMMITTED, "{}"), second),
                log(event("order", "o-2", "order.placed", 1, COMMITTED, "{}")));

        List<PlannedInvalidation> planned = InvalidationPlanner.plan(written, COMMITTED);

        assertThat(planned).extracting(PlannedInvalidation::traceparent).containsExactly(second, null);
    }

    @Test
    void shouldPublishNothingWhenNothingWasWritten() {
        assertThat(InvalidationPlanner.plan(List.of(), COMMITTED)).isEmpty();
    }

    private static LogEvent log(EventEnvelope e) {
        return new LogEvent("events.log", 0, 0, e);
    }

    private static LogEvent traced(EventEnvelope e, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        return new LogEvent("events.log", 0, 0, e, headers);
    }
}
