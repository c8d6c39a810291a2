package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

class EnvelopeWriterPropertyTest {

    private static final JsonSerde<EventEnvelope> ENVELOPE = JsonSerde.of(EventEnvelope.class);

    /** An accepted event: what the ingest-api hands to the writer. */
    record Accepted(EventRequest event, UUID eventId, Acceptance acceptance) {

        EventEnvelope envelope() {
            return EventEnvelope.accepted(event, eventId, acceptance);
        }

        byte[] written() {
            return EnvelopeWriter.bytes(event, eventId, acceptance);
        }

        /** Payload and metadata as a request's body is parsed ({@link Json#MAPPER}: decimals as {@code BigDecimal}). */
        Accepted asParsed() {
            EventRequest parsed = new EventRequest(event.eventId(), event.aggregateType(), event.aggregateId(),
                    event.eventType(), event.expectedVersion(), event.occurredAt(), reparsed(event.payload()),
                    reparsed(event.metadata()));
            return new Accepted(parsed, eventId, acceptance);
        }

        private static JsonNode reparsed(JsonNode tree) {
            return tree == null ? null : Json.MAPPER.readTree(tree.toString());
        }
    }

    @Property(tries = 1000)
    void shouldWriteTheSameBytesAsTheEnvelopeSerde(@ForAll("accepted") Accepted accepted) {
        byte[] written = accepted.written();

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(ENVELOPE.serialize("events.raw", accepted.envelope()), StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void shouldReadBackTheSameEnvelopeWhenReadDirectly(@ForAll("accepted") Accepted generated) {
        Accepted accepted = generated.asParsed();
        byte[] written = accepted.written();

        EnvelopeReader.Parsed parsed = EnvelopeReader.readTree(written);
        EventEnvelope read = EnvelopeReader.fromValidatedTree(parsed.tree());

        assertThat(parsed.uniqueKeys()).isTrue();
        assertThat(read).isEqualTo(accepted.envelope()).isEqualTo(ENVELOPE.deserialize("events.raw", written));
    }

    @Provide
    Arbitrary<Accepted> accepted() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800_000_000L)
                .map(micros -> Instant.EPOCH.plusNanos(micros * 1000));
        Arbitrary<EventRequest> events = Combinators.combine(Arbitraries.create(UUID::randomUUID).injectNull(0.5),
                        JsonArbitraries.text(), JsonArbitraries.text(), JsonArbitraries.text(),
                        Arbitraries.longs().injectNull(0.5), instants.injectNull(0.3),
                        JsonArbitraries.object(2),
                        JsonArbitraries.object(1).injectNull(0.5))
                .as(EventRequest::new);
        Arbitrary<Acceptance> acceptances = Combinators.combine(JsonArbitraries.text(),
                JsonArbitraries.text().injectNull(0.2), instants).as(Acceptance::new);
        return Combinators.combine(events, Arbitraries.create(UUID::randomUUID), acceptances).as(Accepted::new);
    }
}
