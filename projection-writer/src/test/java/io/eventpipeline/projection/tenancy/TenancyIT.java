package io.eventpipeline.projection.tenancy;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.consume.AfterCommitHook;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Producers are tenants (docs/decisions.md D1): two producers using the very same aggregate, memory,
 * context and event ids get separate rows, and neither's events change the other's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private WriterFixture fx;

    @BeforeAll
    void writeTheEventsOfBothProducers() {
        fx = new WriterFixture("tenancy_it");
        UUID sharedEventId = UUID.randomUUID();
        List<EventEnvelope> events = List.of(
                event("p-a", sharedEventId, "order", "o-1", "order.placed", 1, AT, "{\"by\":\"a\"}"),
                event("p-b", sharedEventId, "order", "o-1", "order.placed", 1, AT, "{\"by\":\"b\"}"),
                event("p-a", UUID.randomUUID(), "order", "o-1", "order.paid", 2, AT, "{\"by\":\"a\"}"),
                event("p-a", UUID.randomUUID(), "memory", "m-1", "memory.created", 1, AT,
                        "{\"userId\":\"u-1\",\"content\":\"a's\"}"),
                event("p-b", UUID.randomUUID(), "memory", "m-1", "memory.created", 1, AT,
                        "{\"userId\":\"u-1\",\"content\":\"b's\"}"),
                event("p-b", UUID.randomUUID(), "memory", "m-1", "memory.deleted", 2, AT, "{\"userId\":\"u-1\"}"),
                event("p-a", UUID.randomUUID(), "mcp", "c-1", "mcp.context.recorded", 1, AT, "{\"tool\":\"a\"}"),
                event("p-b", UUID.randomUUID(), "mcp", "c-1", "mcp.context.recorded", 1, AT, "{\"tool\":\"b\"}"));
        try (WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.sendAll(events);
            WriterFixture.await("8 events stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 8);
        }
    }

    @AfterAll
    void close() {
        fx.close();
    }

    @Test
    void shouldStoreTheSameEventIdOnceForEachProducerWhenTwoProducersUseIt() {
        assertThat(fx.count("SELECT count(DISTINCT producer_id) FROM events GROUP BY event_id ORDER BY 1 DESC LIMIT 1"))
                .isEqualTo(2);
        assertThat(fx.count("SELECT count(*) FROM events WHERE producer_id = 'p-b' AND event_data->>'by' = 'b'"))
                .isEqualTo(1);
    }

    @Test
    void shouldKeepOneStreamHeadPerProducerWhenBothWriteTheSameAggregate() {
        assertThat(fx.count("SELECT version * 10 + event_count FROM aggregates "
                + "WHERE producer_id = 'p-a' AND aggregate_type = 'order' AND aggregate_id = 'o-1'")).isEqualTo(22);
        assertThat(fx.count("SELECT version * 10 + event_count FROM aggregates "
                + "WHERE producer_id = 'p-b' AND aggregate_type = 'order' AND aggregate_id = 'o-1'")).isEqualTo(11);
    }

    @Test
    void shouldLeaveTheOtherProducersMemoryAloneWhenOneDeletesTheSameMemoryId() {
        assertThat(fx.count("SELECT count(*) FROM memories WHERE producer_id = 'p-a' AND memory_id = 'm-1' "
                + "AND deleted_at IS NULL AND content = 'a''s'")).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM memories WHERE producer_id = 'p-b' AND memory_id = 'm-1' "
                + "AND deleted_at IS NOT NULL AND content = 'b''s'")).isEqualTo(1);
    }

    @Test
    void shouldInvalidateEachProducersOwnKeysWhenBothTouchTheSameIds() {
        Set<String> expected = Set.of("aggregate:p-a/order/o-1", "aggregate:p-b/order/o-1", "memory:p-a/m-1",
                "memory:p-b/m-1", "memories:user:p-a/u-1", "memories:user:p-b/u-1", "mcp-context:p-a/c-1",
                "mcp-context:p-b/c-1");

        List<ConsumerRecord<String, CacheInvalidation>> invalidations = fx.invalidationsUntil(
                records -> records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(expected));

        assertThat(invalidations).extracting(ConsumerRecord::key).containsAll(expected)
                .allSatisfy(key -> assertThat(key).matches("[a-z:-]+:p-[ab]/.+"));
        assertThat(invalidations).filteredOn(r -> r.key().equals("memory:p-b/m-1"))
                .allSatisfy(r -> assertThat(r.value().version()).isEqualTo(2));
        assertThat(invalidations).filteredOn(r -> r.key().equals("memory:p-a/m-1"))
                .allSatisfy(r -> assertThat(r.value().version()).isEqualTo(1));
    }

    @Test
    void shouldKeepEachProducersContextWhenBothRecordTheSameContextId() {
        assertThat(fx.dsl.fetchValue("SELECT string_agg(producer_id || '=' || (data->>'tool'), ',' ORDER BY producer_id) "
                + "FROM mcp_contexts WHERE context_id = 'c-1'")).isEqualTo("p-a=a,p-b=b");
    }
}
