package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventEnvelopeSerdeTest {

    private final JsonSerde<EventEnvelope> serde = JsonSerde.of(EventEnvelope.class);

    @Property(tries = 200)
    void shouldRoundTripAnyEnvelope(@ForAll @AlphaChars @StringLength(min = 1, max = 40) String aggregateId,
            @ForAll @StringLength(max = 200) String content, @ForAll @LongRange(min = 1) long version) {
        String payload = Json.MAPPER.createObjectNode().put("content", content).toString();
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "order", aggregateId, "order.placed",
                Instant.parse("2026-11-27T08:00:00Z"), payload, "{\"trace\":\"t\"}", "producer-1", "key-1",
                Instant.parse("2026-11-27T08:00:01.123456Z"), null, version);

        EventEnvelope back = serde.deserialize("t", serde.serialize("t", envelope));

        assertThat(back).isEqualTo(envelope);
    }

    @Test
    void shouldWritePayloadAsJsonNotAsAString() {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "order", "o-1", "order.placed", null,
                "{\"total\":12}", null, "p", "k", Instant.EPOCH, 3L, null);

        String json = new String(serde.serialize("t", envelope), StandardCharsets.UTF_8);

        assertThat(json).contains("\"payload\":{\"total\":12}").contains("\"expectedVersion\":3")
                .doesNotContain("metadata").doesNotContain("\"version\"");
    }

    @Test
    void shouldRaiseSerializationExceptionWhenBytesAreNotAnEnvelope() {
        assertThatThrownBy(() -> serde.deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", "{\"aggregateType\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeyByProducerAggregateTypeAndId() {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "order", "o-17", "order.placed", null,
                "{}", null, "p1", "k", Instant.EPOCH, null, null);

        assertThat(envelope.key()).isEqualTo("p1/order/o-17");
        assertThat(EventEnvelope.aggregateKey("p1", "order", "o-17")).isEqualTo("p1/order/o-17");
    }

    @Test
    void shouldRefuseAnEnvelopeWithoutProducer() {
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "order", "o-1", "order.placed", null,
                "{}", null, null, "k", Instant.EPOCH, null, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("producerId");
    }
}
