package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPipelineTopologyTest {

    private static final Duration RETENTION = Duration.ofHours(1);

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldDropDuplicateWhenSeenInsideRetention(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            UUID id = UUID.randomUUID();

            t.send(id, "o-1", TopologyFixture.T0);
            t.send(id, "o-1", TopologyFixture.T0.plus(RETENTION).minusSeconds(1));

            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::eventId).containsExactly(id);
            assertThat(t.rejected.isEmpty()).isTrue();
            assertThat(t.metrics.count("processor.duplicates.dropped")).isEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldForwardAgainAfterRetentionExpired(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            UUID id = UUID.randomUUID();

            t.send(id, "o-1", TopologyFixture.T0);
            t.send(id, "o-1", TopologyFixture.T0.plus(RETENTION).plusMillis(1));

            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::eventId, EventEnvelope::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(id, 1L),
                            org.assertj.core.groups.Tuple.tuple(id, 2L));
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldDropDuplicateWhenItArrivesLateWithAnOlderTimestamp(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            UUID id = UUID.randomUUID();

            t.send(id, "o-1", TopologyFixture.T0.plusSeconds(600));
            t.send(id, "o-1", TopologyFixture.T0);

            assertThat(t.log.readValuesToList()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldAssignGaplessVersionsPerAggregateWhenDuplicatesAreInterleaved(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            UUID a1 = UUID.randomUUID();
            UUID b1 = UUID.randomUUID();
            UUID a2 = UUID.randomUUID();

            t.send(a1, "a", TopologyFixture.T0);
            t.send(b1, "b", TopologyFixture.T0.plusSeconds(1));
            t.send(a1, "a", TopologyFixture.T0.plusSeconds(2));
            t.send(a2, "a", TopologyFixture.T0.plusSeconds(3));

            List<EventEnvelope> out = t.log.readValuesToList();
            assertThat(out).extracting(EventEnvelope::eventId).containsExactly(a1, b1, a2);
            assertThat(out).extracting(EventEnvelope::version).containsExactly(1L, 1L, 2L);
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldRejectWithVersionConflictWhenExpectedVersionIsNotCurrent(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            t.send(TestEvents.envelope(UUID.randomUUID(), "o-9", 0L), TopologyFixture.T0);
            EventEnvelope stale = TestEvents.envelope(UUID.randomUUID(), "o-9", 0L);

            t.send(stale, TopologyFixture.T0.plusSeconds(1));
            t.send(TestEvents.envelope(UUID.randomUUID(), "o-9", 1L), TopologyFixture.T0.plusSeconds(2));

            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::version).containsExactly(1L, 2L);
            TestRecord<String, RejectedEvent> rejected = t.rejected.readRecord();
            assertThat(rejected.value().reason()).isEqualTo(RejectionReason.VERSION_CONFLICT);
            assertThat(rejected.value().envelope()).isEqualTo(stale);
            assertThat(rejected.value().detail()).contains("expectedVersion 0").contains("version 1");
            assertThat(rejected.key()).isEqualTo("producer-1/order/o-9");
            assertThat(reasonHeader(rejected)).isEqualTo("version_conflict");
            assertThat(t.rejected.isEmpty()).isTrue();
            assertThat(t.metrics.count("processor.events.rejected", "reason", "version_conflict")).isEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldAcceptAVersionConflictRedrivenWithItsIdWhenFixedAndStillDropItsRetry(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            UUID first = UUID.randomUUID();
            UUID fixed = UUID.randomUUID();
            t.send(TestEvents.envelope(first, "o-7", 0L), TopologyFixture.T0);

            t.send(TestEvents.envelope(fixed, "o-7", 5L), TopologyFixture.T0.plusSeconds(1));
            t.send(TestEvents.envelope(fixed, "o-7", 1L), TopologyFixture.T0.plusSeconds(2));
            t.send(TestEvents.envelope(fixed, "o-7", 1L), TopologyFixture.T0.plusSeconds(3));

            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::eventId, EventEnvelope::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(first, 1L),
                            org.assertj.core.groups.Tuple.tuple(fixed, 2L));
            assertThat(t.rejected.readValuesToList()).extracting(RejectedEvent::reason)
                    .containsExactly(RejectionReason.VERSION_CONFLICT);
            assertThat(t.metrics.count("processor.duplicates.dropped")).isEqualTo(1.0);
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldRejectPoisonBytesWithTheOriginalBytesAndKeepProcessing(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            byte[] poison = {(byte) 0xff, 0x00, '{', 'x'};
            UUID after = UUID.randomUUID();

            t.raw.pipeInput("order/o-1", poison, TopologyFixture.T0);
            t.raw.pipeInput("order/o-1", (byte[]) null, TopologyFixture.T0);
            t.send(after, "o-1", TopologyFixture.T0.plusSeconds(1));

            List<TestRecord<String, RejectedEvent>> rejected = t.rejected.readRecordsToList();
            assertThat(rejected).hasSize(2);
            assertThat(rejected.get(0).value().reason()).isEqualTo(RejectionReason.UNDESERIALISABLE);
            assertThat(Base64.getDecoder().decode(rejected.get(0).value().originalBytes())).isEqualTo(poison);
            assertThat(rejected.get(0).value().sourceTopic()).isEqualTo(Topics.EVENTS_RAW.name());
            assertThat(rejected.get(0).value().offset()).isZero();
            assertThat(reasonHeader(rejected.get(0))).isEqualTo("undeserialisable");
            assertThat(rejected.get(1).value().reason()).isEqualTo(RejectionReason.UNDESERIALISABLE);
            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::eventId).containsExactly(after);
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldRejectInvalidEnvelopeWithTheViolatedPointer(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            String badType = new String(TestEvents.bytes(TestEvents.envelope(UUID.randomUUID(), "o-1")),
                    StandardCharsets.UTF_8).replace("\"order.placed\"", "\"Not A Type\"");

            t.raw.pipeInput("order/o-1", badType.getBytes(StandardCharsets.UTF_8), TopologyFixture.T0);

            RejectedEvent rejected = t.rejected.readValue();
            assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
            assertThat(rejected.detail()).contains("/eventType");
            assertThat(new String(Base64.getDecoder().decode(rejected.originalBytes()), StandardCharsets.UTF_8))
                    .isEqualTo(badType);
            assertThat(t.log.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldRejectPayloadBreakingItsEventTypeSchema(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            EventEnvelope memory = new EventEnvelope(UUID.randomUUID(), "memory", "m-1", "memory.created",
                    null, "{\"content\":42}", null, "p", "k", TopologyFixture.T0, null, null);

            t.send(memory, TopologyFixture.T0);

            RejectedEvent rejected = t.rejected.readValue();
            assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_PAYLOAD);
            assertThat(rejected.detail()).contains("/payload");
            assertThat(t.log.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldRejectRecordWhoseKeyIsNotItsAggregate(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), "o-1");

            t.raw.pipeInput("order/o-2", TestEvents.bytes(event), TopologyFixture.T0);

            RejectedEvent rejected = t.rejected.readValue();
            assertThat(rejected.reason()).isEqualTo(RejectionReason.KEY_MISMATCH);
            assertThat(rejected.envelope()).isEqualTo(event);
            assertThat(t.log.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest(name = "bloom={0}")
    @ValueSource(booleans = {true, false})
    void shouldWriteEnvelopeUnchangedExceptForItsVersion(boolean bloom) {
        try (TopologyFixture t = new TopologyFixture(RETENTION, bloom)) {
            EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), "o-1");

            t.send(event, TopologyFixture.T0);

            TestRecord<String, EventEnvelope> out = t.log.readRecord();
            assertThat(out.key()).isEqualTo("producer-1/order/o-1");
            assertThat(out.value()).isEqualTo(event.withVersion(1));
            assertThat(Json.MAPPER.readTree(out.value().payload()).get("amount").asInt()).isEqualTo(17);
            assertThat(t.metrics.count("processor.events.processed")).isEqualTo(1.0);
        }
    }

    private static String reasonHeader(TestRecord<String, RejectedEvent> record) {
        Header header = record.headers().lastHeader(Topics.REASON_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
