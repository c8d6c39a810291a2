package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.invalidate.InvalidationOutbox;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.write.BatchWriter;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.write.OffsetStore;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionWriterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private WriterFixture fx;

    @BeforeEach
    void freshFixture() {
        if (fx != null) {
            fx.close();
        }
        fx = new WriterFixture("writer_it_" + System.nanoTime() % 100_000);
    }

    @AfterAll
    void closeFixture() {
        fx.close();
    }

    @Test
    void shouldLandEventsOfThreeMonthsInThreePartitionsWhenTheyAreConsumed() {
        List<EventEnvelope> events = new ArrayList<>();
        Instant[] months = {Instant.parse("2025-01-10T10:00:00Z"), Instant.parse("2025-02-10T10:00:00Z"),
                Instant.parse("2025-03-10T10:00:00Z")};
        for (int i = 0; i < 30; i++) {
            events.add(event("order", "o-" + (i % 10), "order.placed", i / 10 + 1, months[i / 10], "{\"n\":" + i + "}"));
        }

        try (WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.sendAll(events);
            WriterFixture.await("30 events stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 30);
        }

        assertThat(fx.rowsPerPartition()).containsExactlyInAnyOrderEntriesOf(
                Map.of("events_2025_01", 10L, "events_2025_02", 10L, "events_2025_03", 10L));
        assertThat(fx.count("SELECT count(*) FROM aggregates WHERE version = 3 AND event_count = 3")).isEqualTo(10);
        assertThat(fx.count("SELECT sum(next_offset) FROM projection_offsets WHERE consumer_group = '" + fx.group + "'"))
                .isEqualTo(30);
    }

    @Test
    void shouldApplyProjectionsAndPublishOneInvalidationPerKeyWhenMemoriesAndContextsArrive() {
        Instant now = Instant.now();
        List<EventEnvelope> events = List.of(
                event("memory", "m-1", "memory.created", 1, now, "{\"userId\":\"u-1\",\"content\":\"hello\"}"),
                event("memory", "m-2", "memory.created", 1, now, "{\"userId\":\"u-1\",\"content\":\"bye\"}"),
                event("memory", "m-1", "memory.deleted", 2, now, "{\"userId\":\"u-1\"}"),
                event("mcp", "c-1", "mcp.context.recorded", 1, now, "{\"tool\":\"search\",\"q\":1}"),
                event("mcp", "c-1", "mcp.context.recorded", 2, now, "{\"tool\":\"search\",\"q\":2}"));

        try (WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.sendAll(events);
            WriterFixture.await("5 events stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 5);
        }

        assertThat(fx.count("SELECT count(*) FROM memories WHERE deleted_at IS NULL")).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM memories WHERE memory_id = 'm-1' AND deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(fx.count("SELECT (data->>'q')::int FROM mcp_contexts WHERE context_id = 'c-1'")).isEqualTo(2);
        Set<String> expectedKeys = Set.of("aggregate:producer-1/memory/m-1", "aggregate:producer-1/memory/m-2",
                "aggregate:producer-1/mcp/c-1", "memory:producer-1/m-1", "memory:producer-1/m-2",
                "memories:user:producer-1/u-1", "mcp-context:producer-1/c-1");
        List<ConsumerRecord<String, CacheInvalidation>> invalidations =
                fx.invalidationsUntil(r -> keys(r).containsAll(expectedKeys));
        assertThat(keys(invalidations)).containsAll(expectedKeys);
        assertThat(invalidations).allSatisfy(r -> assertThat(r.value().keys()).containsExactly(r.key()));
        assertThat(invalidations.stream().filter(r -> r.key().equals("aggregate:producer-1/mcp/c-1")).map(r -> r.value().version()))
                .contains(2L);
        assertThat(fx.count("SELECT count(*) FROM pending_invalidations")).isZero();
    }

    @Test
    void shouldAddNothingWhenABatchIsRedelivered() {
        Instant now = Instant.now();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event("order", "o-" + i, "order.placed", 1, now, "{}"));
        }
        try (WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.sendAll(events);
            WriterFixture.await("20 events stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 20);
        }
        List<ConsumerRecord<String, byte[]>> records = fx.readUntil(fx.logTopic(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), r -> r.size() == 20, WAIT);
        BatchWriter writer = new BatchWriter(fx.dsl, io.eventpipeline.projection.write.WriteMethod.COPY,
                new OffsetStore(fx.group), new InvalidationOutbox(), new PartitionManager(fx.dsl, Clock.systemUTC(),
                Duration.ofSeconds(1)), rejections -> { }, Clock.systemUTC(), fx.registry);

        assertThatThrownBy(() -> writer.write(redelivered(records))).isInstanceOf(OffsetStore.StaleBatchException.class);

        assertThat(fx.count("SELECT count(*) FROM events")).isEqualTo(20);
        assertThat(fx.count("SELECT sum(event_count) FROM aggregates")).isEqualTo(20);

        // A restarted writer trusts Postgres, not Kafka's group offsets: it resumes after the 20.
        try (WriterRuntime restarted = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.sendAll(List.of(event("order", "o-late", "order.placed", 1, now, "{}")));
            WriterFixture.await("the late event stored", WAIT,
                    () -> fx.count("SELECT count(*) FROM events WHERE aggregate_id = 'o-late'") == 1);
        }
        assertThat(fx.count("SELECT count(*) FROM events")).isEqualTo(21);
        assertThat(fx.count("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(21);
    }

    @Test
    void shouldRejectUnwritableRecordsAndKeepTheirPartitionMovingWhenTheyArrive() {
        Instant now = Instant.now();
        EventEnvelope good1 = event("memory", "m-ok", "memory.created", 1, now, "{\"userId\":\"u\",\"content\":\"c\"}");
        EventEnvelope noUser = event("memory", "m-bad", "memory.created", 1, now, "{\"content\":\"c\"}");
        EventEnvelope unversioned = event("order", "o-nv", "order.placed", 1, now, "{}").withVersion(0);
        EventEnvelope good2 = event("order", "o-ok", "order.placed", 1, now, "{}");

        try (WriterRuntime writer = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.send(good1);
            fx.send(noUser);
            fx.sendRaw("order/o-garbage", "{not json".getBytes(StandardCharsets.UTF_8));
            fx.sendRaw(unversioned.key(), stripVersion(unversioned));
            fx.send(good2);
            WriterFixture.await("offsets past all 5 records", WAIT,
                    () -> fx.count("SELECT coalesce(sum(next_offset), 0) FROM projection_offsets") == 5);
        }

        assertThat(fx.count("SELECT count(*) FROM events")).isEqualTo(2);
        assertThat(fx.count("SELECT count(*) FROM events WHERE aggregate_id IN ('m-ok', 'o-ok')")).isEqualTo(2);
        List<ConsumerRecord<String, RejectedEvent>> rejected = fx.rejectedUntil(r -> r.size() >= 3);
        assertThat(rejected).extracting(r -> r.value().reason().wireName())
                .containsExactlyInAnyOrder("not_writable", "unreadable_event", "missing_version");
        assertThat(rejected).allSatisfy(r -> assertThat(new String(r.headers().lastHeader(Topics.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(r.value().reason().wireName()));
        assertThat(rejected.stream().filter(r -> r.value().reason().wireName().equals("not_writable")).findFirst().orElseThrow()
                .value().envelope().aggregateId()).isEqualTo("m-bad");
        assertThat(rejected.stream().filter(r -> r.value().reason().wireName().equals("unreadable_event")).findFirst().orElseThrow())
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo("order/o-garbage");
                    assertThat(java.util.Base64.getDecoder().decode(r.value().originalBytes()))
                            .asString(StandardCharsets.UTF_8).isEqualTo("{not json");
                });
    }

    @Test
    void shouldNeitherDuplicateNorLoseInvalidationsWhenKilledRightAfterCommit() {
        Instant now = Instant.now();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event("order", "o-" + i, "order.placed", 1, now, "{}"));
        }
        AtomicBoolean crashed = new AtomicBoolean();
        AfterCommitHook killAfterCommit = outcome -> {
            crashed.set(true);
            throw new SimulatedCrash();
        };

        WriterRuntime first = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(), killAfterCommit);
        fx.sendAll(events);
        WriterFixture.await("the writer died after its first commit", WAIT, () -> crashed.get() && !first.isRunning());
        first.close();
        long storedAtCrash = fx.count("SELECT count(*) FROM events");
        assertThat(storedAtCrash).isPositive();
        assertThat(fx.count("SELECT count(*) FROM pending_invalidations")).isEqualTo(1);

        try (WriterRuntime second = WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            WriterFixture.await("all 10 stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 10);
            WriterFixture.await("outbox drained", WAIT, () -> fx.count("SELECT count(*) FROM pending_invalidations") == 0);
        }

        assertThat(fx.count("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(10);
        assertThat(fx.count("SELECT sum(event_count) FROM aggregates")).isEqualTo(10);
        Set<String> expected = events.stream().map(e -> "aggregate:" + e.key()).collect(Collectors.toSet());
        assertThat(keys(fx.invalidationsUntil(r -> keys(r).containsAll(expected)))).containsAll(expected);
    }

    private Batch redelivered(List<ConsumerRecord<String, byte[]>> records) {
        List<LogEvent> events = new ArrayList<>();
        Map<Integer, Batch.OffsetRange> ranges = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            EventEnvelope e = Topics.EVENTS_LOG.valueSerde().deserializer().deserialize(r.topic(), r.value());
            events.add(new LogEvent(r.topic(), r.partition(), r.offset(), e));
            ranges.merge(r.partition(), new Batch.OffsetRange(r.offset(), r.offset() + 1),
                    (a, b) -> new Batch.OffsetRange(Math.min(a.first(), b.first()), Math.max(a.next(), b.next())));
        }
        return new Batch(fx.logTopic(), events, List.of(), ranges);
    }

    private static byte[] stripVersion(EventEnvelope e) {
        String json = new String(Topics.EVENTS_LOG.valueSerde().serializer().serialize("t", e), StandardCharsets.UTF_8);
        return json.replace(",\"version\":0", "").getBytes(StandardCharsets.UTF_8);
    }

    private static <V> Set<String> keys(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    /** Stands for the process dying: an Error no layer of the writer catches. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated kill right after COMMIT");
        }
    }
}
