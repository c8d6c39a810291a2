package io.eventpipeline.schemas;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** jqwik generators of JSON trees and of text that is awkward to write as JSON. */
public final class JsonArbitraries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonArbitraries() {
    }

    /** Any JSON value nested up to {@code depth} levels: every scalar kind, arrays and objects. */
    public static Arbitrary<JsonNode> json(int depth) {
        if (depth == 0) {
            return scalar();
        }
        return Arbitraries.oneOf(scalar(), array(depth - 1), object(depth - 1));
    }

    public static Arbitrary<ObjectNode> object(int depth) {
        return Arbitraries.maps(text(), json(depth)).ofMaxSize(4).map(members -> {
            ObjectNode object = NODES.objectNode();
            members.forEach(object::set);
            return object;
        });
    }

    /** Text with control characters, quotes, backslashes, non-ASCII and (valid) surrogate pairs. */
    public static Arbitrary<String> text() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.chars().range('a', 'z')),
                Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
                Tuple.of(2, Arbitraries.of('"', '\\', '/', '\u007f', 'é', '€', '\u2028')));
        Arbitrary<String> plain = chars.list().ofMaxSize(12).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
        return Arbitraries.oneOf(plain, plain.map(t -> t + "\uD83D\uDE00" + t));
    }

    private static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                text().map(NODES::stringNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigDecimals().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    private static Arbitrary<JsonNode> array(int depth) {
        return json(depth).list().ofMaxSize(4).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
    }
}
