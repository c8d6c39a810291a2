package io.eventpipeline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.JsonArbitraries;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EnvelopeJsonTest {

    private static final JsonSerde<EventEnvelope> ENVELOPE = JsonSerde.of(EventEnvelope.class);

    @Property(tries = 1000)
    void shouldWriteTheSameBytesAsTheEnvelopeSerde(@ForAll("events") AcceptedEvent event) {
        byte[] written = EnvelopeJson.bytes(event);

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(ENVELOPE.serialize("events.raw", event.toEnvelope()), StandardCharsets.UTF_8));
        assertThat(ENVELOPE.deserialize("events.raw", written).eventId()).isEqualTo(event.eventId());
    }

    @Provide
    Arbitrary<AcceptedEvent> events() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800_000_000L)
                .map(micros -> Instant.EPOCH.plusNanos(micros * 1000));
        Arbitrary<UUID> ids = Arbitraries.create(UUID::randomUUID);
        return Combinators.combine(ids, JsonArbitraries.text(), JsonArbitraries.text(), JsonArbitraries.text(),
                        instants.injectNull(0.3), JsonArbitraries.object(2), JsonArbitraries.object(1).injectNull(0.5),
                        JsonArbitraries.text())
                .flatAs((id, type, aggregate, eventType, occurredAt, payload, metadata, producer) ->
                        Combinators.combine(JsonArbitraries.text(), instants, Arbitraries.longs().injectNull(0.5))
                                .as((key, createdAt, expected) -> new AcceptedEvent(id, type, aggregate, eventType,
                                        occurredAt, payload, metadata, producer, key, createdAt, expected)));
    }
}
