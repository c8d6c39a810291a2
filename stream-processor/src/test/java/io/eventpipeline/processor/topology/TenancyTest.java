package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Producers are tenants (docs/decisions.md D1): dedup is keyed by (producerId, eventId) and versions by
 * producerId/aggregateType/aggregateId, so producer B can neither pre-empt an eventId A will use nor touch
 * A's versions by naming the same aggregate.
 */
class TenancyTest {

    @Test
    void shouldNotLetAnotherProducerPreemptAnEventIdOrTouchVersions() {
        try (TopologyFixture t = new TopologyFixture(Duration.ofHours(1), true)) {
            UUID shared = UUID.randomUUID();
            EventEnvelope fromB = TestEvents.envelopeOf("producer-b", shared, "o-1", null);
            EventEnvelope fromA = TestEvents.envelopeOf("producer-a", shared, "o-1", null);
            EventEnvelope secondOfB = TestEvents.envelopeOf("producer-b", UUID.randomUUID(), "o-1", null);
            EventEnvelope secondOfA = TestEvents.envelopeOf("producer-a", UUID.randomUUID(), "o-1", 1L);

            t.send(fromB, TopologyFixture.T0);
            t.send(secondOfB, TopologyFixture.T0.plusSeconds(1));
            t.send(fromA, TopologyFixture.T0.plusSeconds(2));
            t.send(fromA, TopologyFixture.T0.plusSeconds(3));
            t.send(secondOfA, TopologyFixture.T0.plusSeconds(4));

            List<TestRecord<String, EventEnvelope>> written = t.log.readRecordsToList();
            assertThat(written).extracting(TestRecord::key).containsExactly("producer-b/order/o-1",
                    "producer-b/order/o-1", "producer-a/order/o-1", "producer-a/order/o-1");
            assertThat(written).extracting(r -> r.value().producerId(), r -> r.value().version()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("producer-b", 1L),
                    org.assertj.core.groups.Tuple.tuple("producer-b", 2L),
                    org.assertj.core.groups.Tuple.tuple("producer-a", 1L),
                    org.assertj.core.groups.Tuple.tuple("producer-a", 2L));
            assertThat(written.get(2).value().eventId()).isEqualTo(shared);
            assertThat(t.rejected.isEmpty()).as("A's expectedVersion 1 held although B wrote twice to o-1").isTrue();
            assertThat(t.metrics.count("processor.duplicates.dropped")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldRejectARecordKeyedIntoAnotherProducersNamespace() {
        try (TopologyFixture t = new TopologyFixture(Duration.ofHours(1), false)) {
            EventEnvelope fromB = TestEvents.envelopeOf("producer-b", UUID.randomUUID(), "o-1", null);

            t.raw.pipeInput("producer-a/order/o-1", TestEvents.bytes(fromB), TopologyFixture.T0);

            RejectedEvent rejected = t.rejected.readValue();
            assertThat(rejected.reason()).isEqualTo(RejectionReason.KEY_MISMATCH);
            assertThat(t.log.isEmpty()).isTrue();
        }
    }
}
