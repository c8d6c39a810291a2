package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation skips the format assertions when every formatted string is plainly valid; these properties
 * hold that shortcut to exactly the answers of the full validator.
 */
class PlainFormatsPropertyTest {

    @Property(tries = 3000)
    void shouldAnswerAsTheFullValidatorForAnyEnvelope(@ForAll("uuids") String eventId, @ForAll("instants") String occurredAt,
            @ForAll("instants") String createdAt) {
        ObjectNode envelope = (ObjectNode) Json.MAPPER.readTree("""
                {"aggregateType":"order","aggregateId":"o-1","eventType":"order.placed","payload":{},"producerId":"p",
                 "idempotencyKey":"k"}""");
        envelope.put("eventId", eventId).put("occurredAt", occurredAt).put("createdAt", createdAt);

        assertThat(EventSchemas.validateEnvelope(envelope)).isEqualTo(EventSchemas.validateEnvelopeWithFormats(envelope));
    }

    @Property(tries = 3000)
    void shouldAnswerAsTheFullValidatorForAnyRequest(@ForAll("uuids") String eventId, @ForAll("instants") String occurredAt) {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree("""
                {"aggregateType":"order","aggregateId":"o-1","eventType":"order.placed","payload":{}}""");
        request.put("eventId", eventId).put("occurredAt", occurredAt);

        assertThat(EventSchemas.validateRequest(request)).isEqualTo(EventSchemas.validateRequestWithFormats(request));
    }

    @Example
    void shouldTakeTheShortcutOnlyWhenEveryFormattedStringIsPlain() {
        JsonNode plain = Json.MAPPER.readTree("""
                {"eventId":"0b0e6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b","occurredAt":"2026-11-27T08:00:00.123Z"}""");
        JsonNode offset = Json.MAPPER.readTree("""
                {"eventId":"0b0e6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b","occurredAt":"2026-11-27T09:00:00+01:00"}""");

        assertThat(EventSchemas.formatsArePlain(plain, EventSchemas.REQUEST_FORMATS)).isTrue();
        assertThat(EventSchemas.formatsArePlain(offset, EventSchemas.REQUEST_FORMATS)).isFalse();
    }

    @Example
    void shouldListEveryTopLevelFormatOfTheSchemaFiles() {
        assertThat(EventSchemas.REQUEST_FORMATS).isEqualTo(formatsIn("/schemas/event-request.schema.json"));
        assertThat(EventSchemas.ENVELOPE_FORMATS).isEqualTo(formatsIn("/schemas/event-envelope.schema.json"));
    }

    @Provide
    Arbitrary<String> uuids() {
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEFg-").ofLength(36);
        Arbitrary<String> canonical = Arbitraries.create(UUID::randomUUID).map(UUID::toString);
        return Arbitraries.oneOf(canonical, canonical.map(u -> u.toUpperCase(Locale.ROOT)),
                canonical.map(u -> u.replace("-", "")), canonical.map(u -> u.substring(1)), hex,
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> instants() {
        Arbitrary<String> fields = Arbitraries.integers().between(0, 10_000).flatMap(year ->
                Arbitraries.integers().between(0, 13).flatMap(month ->
                        Arbitraries.integers().between(0, 32).flatMap(day ->
                                Arbitraries.integers().between(0, 61).map(second -> "%04d-%02d-%02dT23:59:%02d"
                                        .formatted(year, month, day, second)))));
        Arbitrary<String> suffix = Arbitraries.of("Z", "z", ".5Z", ".123456789Z", ".1234567891Z", "+01:00", "-00:00",
                ".Z", "", "Z ");
        return Arbitraries.oneOf(fields.flatMap(f -> suffix.map(x -> f + x)),
                Arbitraries.of("2026-11-27T08:00:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z",
                        "2026-11-27 08:00:00Z", "2026-11-27T08:00:60Z"),
                Arbitraries.strings().ofMaxLength(30));
    }

    private static Map<String, String> formatsIn(String resource) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            JsonNode properties = Json.MAPPER.readTree(in).get("properties");
            Map<String, String> formats = new HashMap<>();
            properties.properties().forEach(p -> {
                if (p.getValue().has("format")) {
                    formats.put(p.getKey(), p.getValue().get("format").asString());
                }
            });
            return formats;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
