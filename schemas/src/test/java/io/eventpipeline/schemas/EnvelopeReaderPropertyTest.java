package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import tools.jackson.databind.JsonNode;

class EnvelopeReaderPropertyTest {

    @Property(tries = 300)
    void shouldReadTheSameEnvelopeAsJacksonBinding(
            @ForAll @AlphaChars @StringLength(min = 1, max = 30) String aggregateId,
            @ForAll @StringLength(max = 40) String content,
            @ForAll boolean withOptionals,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long expected,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond) {
        Instant at = Instant.ofEpochSecond(epochSecond, epochSecond % 1000 * 1_000_000);
        String payload = Json.MAPPER.createObjectNode().put("content", EnvelopeBytesPropertyTest.storable(content))
                .put("n", epochSecond).toString();
        EventEnvelope original = new EventEnvelope(UUID.randomUUID(), "order", aggregateId, "order.placed",
                withOptionals ? at : null, payload, withOptionals ? "{\"trace\":[1,2,{\"a\":null}]}" : null,
                "producer-1", withOptionals ? "key-1" : null, at,
                withOptionals ? expected : null, withOptionals ? expected + 1 : null);
        JsonNode tree = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(original));

        EventEnvelope read = EnvelopeReader.fromValidatedTree(tree);

        assertThat(EventSchemas.validateEnvelope(tree)).isEmpty();
        assertThat(read).isEqualTo(Json.MAPPER.treeToValue(tree, EventEnvelope.class)).isEqualTo(original);
    }

    @Property(tries = 1)
    void shouldCoverEveryEnvelopeField() {
        // a new envelope field must be added to EnvelopeReader too: this fails until the count is updated
        assertThat(EventEnvelope.class.getRecordComponents()).hasSize(12);
    }
}
