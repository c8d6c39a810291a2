package io.eventpipeline.schemas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finds numbers PostgreSQL's {@code numeric} (and so {@code jsonb}) cannot store: more than 131,072 digits
 * before the decimal point or 16,383 after it, such as {@code 1e999999}. Since {@link Json#MAPPER} keeps
 * every digit, such a number would otherwise travel the whole pipeline and be refused by the database.
 */
public final class JsonNumbers {

    static final int MAX_INTEGER_DIGITS = 131_072;
    static final int MAX_FRACTION_DIGITS = 16_383;

    private JsonNumbers() {
    }

    /** A violation (RFC 6901 pointer under {@code prefix}) for every number PostgreSQL cannot store. */
    public static List<SchemaViolation> beyondPostgres(JsonNode node, String prefix) {
        List<SchemaViolation> found = new ArrayList<>(0);
        collect(node, prefix, found);
        return found;
    }

    private static void collect(JsonNode node, String pointer, List<SchemaViolation> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                collect(member.getValue(), pointer + "/" + escape(member.getKey()), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, found);
            }
        } else if (node.isBigDecimal() && !storable(node.decimalValue())) {
            found.add(new SchemaViolation(pointer, "number out of range: at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it"));
        }
    }

    private static boolean storable(BigDecimal value) {
        // precision - scale = digits before the point (when positive); scale = digits after it (when positive)
        long integerDigits = (long) value.precision() - value.scale();
        return integerDigits <= MAX_INTEGER_DIGITS && value.scale() <= MAX_FRACTION_DIGITS;
    }

    private static String escape(String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }
}
