package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Arbitrary JSON documents: clean ones have no violation, and one thing PostgreSQL cannot store, put anywhere
 * (a string, a member name, a number, deep in the payload, in the metadata, in an id), is reported exactly
 * there with an RFC 6901 pointer, and is refused by the envelope and request validation too.
 */
class StorablePropertyTest {

    enum Poison {
        NONE, NUL_IN_STRING, NUL_IN_NAME, LONE_SURROGATE_IN_STRING, LONE_SURROGATE_IN_NAME, HUGE_NUMBER, TINY_NUMBER
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 400)
    void shouldReportExactlyThePoisonAndWhereItIs(@ForAll Poison poison, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 4) int depth) {
        Random random = new Random(seed);
        ObjectNode envelope = validEnvelope(random, depth);
        List<String> pointers = new ArrayList<>();
        collectContainers(envelope, "", pointers);
        String target = pointers.get(random.nextInt(pointers.size()));

        String expected = inject(envelope.at(target.isEmpty() ? "" : target), target, poison, random);

        List<SchemaViolation> found = Storable.violations(envelope);
        if (poison == Poison.NONE) {
            assertThat(found).isEmpty();
            assertThat(EventSchemas.validateEnvelope(Json.MAPPER.readTree(envelope.toString()))).isEmpty();
        } else {
            assertThat(found).extracting(SchemaViolation::pointer).containsExactly(expected);
            assertThat(EventSchemas.validateEnvelope(envelope)).extracting(SchemaViolation::pointer).contains(expected);
        }
    }

    // every object and array that may hold the poison: the payload and metadata trees, and the envelope itself
    private static void collectContainers(JsonNode node, String pointer, List<String> out) {
        if (node.isObject() || node.isArray()) {
            out.add(pointer);
        }
        if (node.isObject()) {
            node.properties().forEach(m -> collectContainers(m.getValue(), pointer + "/" + JsonNumbers.escape(m.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectContainers(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    /** Adds the poison under {@code container}; returns its pointer. */
    private static String inject(JsonNode container, String pointer, Poison poison, Random random) {
        String clean = "ok" + random.nextInt(1000);
        String bad = switch (poison) {
            case NUL_IN_STRING, NUL_IN_NAME -> "a\u0000b";
            case LONE_SURROGATE_IN_STRING, LONE_SURROGATE_IN_NAME -> random.nextBoolean() ? "x\ud800" : "\udc00y";
            default -> clean;
        };
        boolean inName = poison == Poison.NUL_IN_NAME || poison == Poison.LONE_SURROGATE_IN_NAME;
        JsonNode value = switch (poison) {
            case HUGE_NUMBER -> NODES.numberNode(new BigDecimal("1e200000"));
            case TINY_NUMBER -> NODES.numberNode(new BigDecimal("-1e-20000"));
            default -> NODES.stringNode(inName ? clean : bad);
        };
        if (poison == Poison.NONE) {
            return null;
        }
        if (container instanceof ObjectNode object) {
            String name = (inName ? bad : clean) + "~/" + object.size();
            object.set(name, value);
            return pointer + "/" + JsonNumbers.escape(name);
        }
        ArrayNode array = (ArrayNode) container;
        if (inName) {
            array.add(NODES.objectNode().set(bad, value));
            return pointer + "/" + (array.size() - 1) + "/" + JsonNumbers.escape(bad);
        }
        array.add(value);
        return pointer + "/" + (array.size() - 1);
    }

    private static ObjectNode validEnvelope(Random random, int depth) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("eventId", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        envelope.put("aggregateType", "order");
        envelope.put("aggregateId", "o-" + cleanText(random, 8).replace("/", "").strip() + "x");
        envelope.put("eventType", "order.placed");
        envelope.put("createdAt", "2026-11-27T08:00:00Z");
        envelope.put("producerId", "p-1");
        envelope.set("payload", object(random, depth));
        envelope.set("metadata", object(random, depth));
        return envelope;
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int members = random.nextInt(4);
        for (int i = 0; i < members; i++) {
            object.set(cleanText(random, 6) + i, value(random, depth - 1));
        }
        return object;
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> NODES.stringNode(cleanText(random, 20));
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(new BigDecimal(random.nextGaussian() * 1e6).setScale(random.nextInt(20),
                    RoundingMode.HALF_UP));
            case 3 -> NODES.numberNode(new BigDecimal("9e131071"));
            case 4 -> random.nextBoolean() ? NODES.booleanNode(true) : NODES.nullNode();
            case 5 -> NODES.numberNode(new BigDecimal("1e-16383"));
            case 6 -> object(random, depth);
            default -> array(random, depth);
        };
    }

    private static ArrayNode array(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
            array.add(value(random, depth - 1));
        }
        return array;
    }

    /** Text PostgreSQL stores: control characters, quotes, non-Latin letters and surrogate pairs, never NUL. */
    private static String cleanText(Random random, int max) {
        String[] pieces = {"a", "Z", "\n", "\"", "\\", "\u001f", "\u00e9", "\u4e2d", "\ud83d\ude00", " ", "~", "/"};
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }
}
