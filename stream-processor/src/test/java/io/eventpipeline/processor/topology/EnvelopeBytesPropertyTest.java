package io.eventpipeline.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.EnvelopeBytes;
import io.eventpipeline.schemas.EnvelopeReader;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.EventSchemas;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events.log value written from the original bytes (a version spliced in) against the old path, which
 * read the envelope and serialised it anew: for every way an accepted event can be spelled, both read back
 * as the same envelope and the same JSON document; the bytes are reused only when nothing but key order,
 * whitespace and string escapes can differ, and otherwise the old path's bytes are written exactly.
 */
class EnvelopeBytesPropertyTest {

    /** Ways a producer can spell a valid envelope. */
    enum Spelling {
        AS_SERIALISED(true), PRETTY_PRINTED(true), KEYS_REVERSED(true), UNKNOWN_FIELD(false),
        UPPERCASE_EVENT_ID(false), OFFSET_INSTANT(false), VERSION_PRESENT(false), DUPLICATE_KEY(false),
        ESCAPED_AGGREGATE_ID(true);

        final boolean reusable;

        Spelling(boolean reusable) {
            this.reusable = reusable;
        }
    }

    @Property(tries = 60)
    void shouldWriteWhatTheOldPathWroteWhateverTheSpelling(
            @ForAll Spelling spelling,
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String aggregateId,
            @ForAll @StringLength(max = 30) String content,
            @ForAll boolean withOptionals,
            @ForAll @LongRange(min = 0, max = 1_000_000) long expected,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        int step = new int[] {1, 1_000, 1_000_000, 1_000_000_000}[precision];
        Instant at = Instant.ofEpochSecond(epochSecond, nanos / step * step);
        String payload = Json.MAPPER.createObjectNode().put("content", storable(content)).put("n", 1.5e3).toString();
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "order", aggregateId, "order.placed",
                withOptionals ? at : null, payload, withOptionals ? "{\"trace\":[1,{\"a\":null}]}" : null,
                "producer-1", withOptionals ? "key-1" : null, at,
                withOptionals ? 0L : null, null);
        byte[] input = spell(event, spelling, expected);

        try (TopologyFixture t = new TopologyFixture(Duration.ofDays(7), false)) {
            TestOutputTopic<String, byte[]> logBytes = t.driver.createOutputTopic(Topics.EVENTS_LOG.name(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            t.raw.pipeInput(event.key(), input, TopologyFixture.T0);

            byte[] written = logBytes.readValue();
            byte[] oldPath = Json.MAPPER.writeValueAsBytes(
                    EnvelopeReader.fromValidatedTree(Json.MAPPER.readTree(input)).withVersion(1));

            assertThat(written).isEqualTo(spelling.reusable ? EnvelopeBytes.splice(input, 1) : oldPath);
            assertThat(read(written)).isEqualTo(read(oldPath)).isEqualTo(event.withVersion(1));
            assertThat(Json.MAPPER.readTree(written)).isEqualTo(Json.MAPPER.readTree(oldPath));
            assertThat(EventSchemas.validateEnvelope(Json.MAPPER.readTree(written))).isEmpty();
            assertThat(t.rejected.isEmpty()).isTrue();
        }
    }

    @Property(tries = 50)
    void shouldAddOnlyTheVersionWhenSplicing(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long version) {
        byte[] original = " {\"a\":1} \n".getBytes(StandardCharsets.UTF_8);

        byte[] spliced = EnvelopeBytes.splice(original, version);

        assertThat(new String(spliced, StandardCharsets.UTF_8)).isEqualTo(" {\"a\":1,\"version\":" + version + "}");
    }

    private static EventEnvelope read(byte[] bytes) {
        return Topics.EVENTS_LOG.valueSerde().deserializer().deserialize(Topics.EVENTS_LOG.name(), bytes);
    }

    private static byte[] spell(EventEnvelope event, Spelling spelling, long number) {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(event));
        String text = switch (spelling) {
            case AS_SERIALISED -> tree.toString();
            case PRETTY_PRINTED -> Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(tree) + "\n";
            case KEYS_REVERSED -> reversed(tree).toString();
            case UNKNOWN_FIELD -> tree.put("traceId", "t-" + number).toString();
            case UPPERCASE_EVENT_ID -> tree.put("eventId", event.eventId().toString().toUpperCase(Locale.ROOT))
                    .toString();
            case OFFSET_INSTANT -> tree.put("createdAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    event.createdAt().atOffset(ZoneOffset.ofHours(2)))).toString();
            case VERSION_PRESENT -> tree.put("version", number + 1).toString();
            // the first of two spellings differs: readers disagree on which wins, so such bytes are never reused
            case DUPLICATE_KEY -> tree.toString().replaceFirst("\\{", "{\"aggregateType\":\"other\",");
            case ESCAPED_AGGREGATE_ID -> tree.toString().replace("\"aggregateId\":\"" + event.aggregateId() + "\"",
                    "\"aggregateId\":\"\\u" + String.format(Locale.ROOT, "%04x", (int) event.aggregateId().charAt(0))
                            + event.aggregateId().substring(1) + "\"");
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode reversed(ObjectNode tree) {
        List<String> names = new ArrayList<>(tree.propertyNames());
        Collections.reverse(names);
        ObjectNode out = Json.MAPPER.createObjectNode();
        names.forEach(n -> out.set(n, tree.get(n)));
        return out;
    }

    /** What the storable check lets through: no NUL, no surrogate (a lone one is refused). */
    private static String storable(String text) {
        return text.replace("\u0000", "").codePoints().filter(c -> !Character.isSurrogate((char) c) || c > 0xFFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
