package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The records of issue 10 that stopped the pipeline, and their relatives: each is refused onto events.rejected
 * with a reason that fits the topic, and the next normal event of the same aggregate still flows.
 */
class HostileRecordsTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final String KEY = "producer-1/order/o-1";

    @Test
    void shouldRejectANearlyOneMebibyteEventWithAWrongExpectedVersionAndGoOn() {
        try (TopologyFixture t = new TopologyFixture(RETENTION, false)) {
            EventEnvelope huge = TestEvents.sized(UUID.randomUUID(), "o-1", 7L, 1_048_300);
            assertThat(TestEvents.bytes(huge)).hasSize(1_048_300);
            TestOutputTopic<String, byte[]> rejectedBytes = rejectedBytes(t);

            t.send(huge, TopologyFixture.T0);
            t.send(TestEvents.envelope(UUID.randomUUID(), "o-1"), TopologyFixture.T0.plusSeconds(1));

            byte[] written = rejectedBytes.readValue();
            assertThat(written.length).isLessThanOrEqualTo(SizeBudget.DEFAULT.rejectionValueMaxBytes());
            RejectedEvent rejected = read(written);
            assertThat(rejected.reason()).isEqualTo(RejectionReason.VERSION_CONFLICT);
            assertThat(rejected.envelope()).isEqualTo(huge);
            assertThat(rejected.originalSize()).isEqualTo(1_048_300);
            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::version).containsExactly(1L);
        }
    }

    @Test
    void shouldRejectNulWhereverItIsWithAPointerAndGoOn() {
        try (TopologyFixture t = new TopologyFixture(RETENTION, false)) {
            EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), "o-1");
            String key = "producer-1/order/o\u0000-1";

            t.raw.pipeInput(key, TestEvents.spelledWith(event, "\"o-1\"", "\"o\\u0000-1\""), TopologyFixture.T0);
            t.raw.pipeInput(KEY, TestEvents.spelledWith(event, "\"amount\"", "\"am\\u0000ount\""), TopologyFixture.T0);
            t.raw.pipeInput(KEY, TestEvents.spelledWith(event, "\"test\"", "\"te\\u0000st\""), TopologyFixture.T0);
            t.send(TestEvents.envelope(UUID.randomUUID(), "o-1"), TopologyFixture.T0.plusSeconds(1));

            var rejected = t.rejected.readValuesToList();
            assertThat(rejected).extracting(RejectedEvent::reason).containsExactly(RejectionReason.INVALID_ENVELOPE,
                    RejectionReason.INVALID_PAYLOAD, RejectionReason.INVALID_ENVELOPE);
            assertThat(rejected.get(0).detail()).startsWith("/aggregateId: ").contains("U+0000");
            assertThat(rejected.get(1).detail()).startsWith("/payload/am\u0000ount: ");
            assertThat(rejected.get(2).detail()).startsWith("/metadata/source: ");
            assertThat(rejected).allSatisfy(r -> assertThat(r.eventId()).isEqualTo(event.eventId()));
            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::version).containsExactly(1L);
        }
    }

    @Test
    void shouldRejectAValueOverTheBudgetTruncatedWithItsDigest() throws Exception {
        try (TopologyFixture t = new TopologyFixture(RETENTION, false)) {
            byte[] tooLarge = TestEvents.bytes(TestEvents.sized(UUID.randomUUID(), "o-1", null, 1_048_577));

            t.raw.pipeInput(KEY, tooLarge, TopologyFixture.T0);
            t.send(TestEvents.envelope(UUID.randomUUID(), "o-1"), TopologyFixture.T0.plusSeconds(1));

            TestRecord<String, RejectedEvent> rejected = t.rejected.readRecord();
            assertThat(rejected.value().reason()).isEqualTo(RejectionReason.TOO_LARGE);
            assertThat(rejected.value().truncated()).isTrue();
            assertThat(rejected.value().originalBytes()).isNull();
            assertThat(rejected.value().originalSize()).isEqualTo(1_048_577);
            assertThat(rejected.value().originalSha256()).isEqualTo(
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tooLarge)));
            assertThat(rejected.value().detail()).contains("EVENT_MAX_BYTES=1048576");
            assertThat(rejected.value().partition()).isZero();
            assertThat(rejected.key()).isEqualTo(KEY);
            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::version).containsExactly(1L);
        }
    }

    @Test
    void shouldRejectAKeyOverTheBudgetWithAShortenedKey() {
        try (TopologyFixture t = new TopologyFixture(RETENTION, false)) {
            String longKey = "k".repeat(5000);

            t.raw.pipeInput(longKey, "{}".getBytes(StandardCharsets.UTF_8), TopologyFixture.T0);

            TestRecord<String, RejectedEvent> rejected = t.rejected.readRecord();
            assertThat(rejected.value().reason()).isEqualTo(RejectionReason.TOO_LARGE);
            assertThat(rejected.key()).hasSize(SizeBudget.KEY_MAX_CHARS).endsWith("...");
        }
    }

    @Test
    void shouldRouteAnEventTheLogTopicRefusedAsTooLargeWithoutUsingUpAVersion() {
        try (TopologyFixture t = new TopologyFixture(RETENTION, false)) {
            t.limits.refused(Topics.EVENTS_LOG.name(), 10_000);
            EventEnvelope large = TestEvents.sized(UUID.randomUUID(), "o-1", null, 20_000);

            t.send(large, TopologyFixture.T0);
            t.send(TestEvents.envelope(UUID.randomUUID(), "o-1"), TopologyFixture.T0.plusSeconds(1));

            RejectedEvent rejected = t.rejected.readValue();
            assertThat(rejected.reason()).isEqualTo(RejectionReason.TOO_LARGE);
            assertThat(rejected.detail()).contains("refused records of 10000 bytes");
            assertThat(rejected.envelope()).isEqualTo(large);
            assertThat(t.log.readValuesToList()).extracting(EventEnvelope::version).containsExactly(1L);
        }
    }

    @Test
    void shouldWriteARejectionTruncatedWhenTheRejectedTopicRefusedOneAsLarge() {
        try (TopologyFixture t = new TopologyFixture(RETENTION, false)) {
            t.limits.refused(Topics.EVENTS_REJECTED.name(), 100_000);
            EventEnvelope large = TestEvents.sized(UUID.randomUUID(), "o-1", 3L, 200_000);

            t.send(large, TopologyFixture.T0);

            RejectedEvent rejected = t.rejected.readValue();
            assertThat(rejected.reason()).isEqualTo(RejectionReason.VERSION_CONFLICT);
            assertThat(rejected.truncated()).isTrue();
            assertThat(rejected.eventId()).isEqualTo(large.eventId());
        }
    }

    private static TestOutputTopic<String, byte[]> rejectedBytes(TopologyFixture t) {
        return t.driver.createOutputTopic(Topics.EVENTS_REJECTED.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static RejectedEvent read(byte[] bytes) {
        return Topics.EVENTS_REJECTED.valueSerde().deserializer().deserialize("t", bytes);
    }
}
