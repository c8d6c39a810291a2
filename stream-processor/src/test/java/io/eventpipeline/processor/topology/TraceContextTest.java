package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.processor.TraceHeaders;
import io.eventpipeline.processor.event.EventOrigin;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectionReason;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The processor carries the trace context of the record it read onto what it writes (docs/decisions.md D5):
 * events.log and events.rejected repeat the events.raw record's {@code traceparent} and {@code tracestate},
 * through the shard topic and every step, and nothing of the processor's own headers leaks out.
 */
class TraceContextTest {

    @Test
    void shouldCarryTheTraceContextFromEventsRawToEventsLog() {
        try (TopologyFixture t = new TopologyFixture(Duration.ofHours(1), true)) {
            String traceparent = TraceHeaders.newTraceparent();
            EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), "o-1");

            t.raw.pipeInput(traced(event.key(), TestEvents.bytes(event), traceparent));

            Headers written = t.log.readRecord().headers();
            assertThat(TraceHeaders.value(written, TraceHeaders.TRACEPARENT)).isEqualTo(traceparent);
            assertThat(TraceHeaders.value(written, TraceHeaders.TRACESTATE)).isEqualTo("ep=" + traceparent.substring(3, 19));
            assertThat(written.lastHeader(EventOrigin.HEADER)).isNull();
        }
    }

    @Test
    void shouldCarryTheTraceContextOntoEveryKindOfRejection() {
        try (TopologyFixture t = new TopologyFixture(Duration.ofHours(1), true)) {
            EventEnvelope conflict = TestEvents.envelope(UUID.randomUUID(), "o-2", 7L);
            EventEnvelope tooLarge = TestEvents.sized(UUID.randomUUID(), "o-3", null, 1_200_000);
            String[] traces = {TraceHeaders.newTraceparent(), TraceHeaders.newTraceparent(), TraceHeaders.newTraceparent()};

            t.raw.pipeInput(traced(conflict.key(), TestEvents.bytes(conflict), traces[0]));
            t.raw.pipeInput(traced("producer-1/order/o-4", "{not json".getBytes(), traces[1]));
            t.raw.pipeInput(traced(tooLarge.key(), TestEvents.bytes(tooLarge), traces[2]));

            var rejected = t.rejected.readRecordsToList();
            assertThat(rejected).extracting(r -> r.value().reason()).containsExactly(RejectionReason.VERSION_CONFLICT,
                    RejectionReason.UNDESERIALISABLE, RejectionReason.TOO_LARGE);
            assertThat(rejected).extracting(r -> TraceHeaders.value(r.headers(), TraceHeaders.TRACEPARENT))
                    .containsExactly(traces);
            assertThat(rejected).allSatisfy(r -> assertThat(r.headers().lastHeader(EventOrigin.REJECTION_HEADER)).isNull());
            assertThat(t.log.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldWriteNoTraceContextWhereTheRecordHadNone() {
        try (TopologyFixture t = new TopologyFixture(Duration.ofHours(1), true)) {
            EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), "o-5");

            t.send(event, TopologyFixture.T0);

            TestRecord<String, EventEnvelope> written = t.log.readRecord();
            assertThat(written.headers().lastHeader(TraceHeaders.TRACEPARENT)).isNull();
        }
    }

    private static TestRecord<String, byte[]> traced(String key, byte[] value, String traceparent) {
        return new TestRecord<>(key, value, TraceHeaders.of(traceparent), TopologyFixture.T0);
    }
}
