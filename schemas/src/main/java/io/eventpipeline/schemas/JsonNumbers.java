package io.eventpipeline.schemas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Finds numbers PostgreSQL's {@code numeric} (and so {@code jsonb}) cannot store: more than 131,072 digits
 * before the decimal point or 16,383 after it, such as {@code 1e999999}. Since {@link Json#MAPPER} keeps
 * every digit, such a number would otherwise travel the whole pipeline and be refused by the database.
 * {@link Storable} applies it to every number of a document, next to its other checks.
 */
public final class JsonNumbers {

    static final int MAX_INTEGER_DIGITS = 131_072;
    static final int MAX_FRACTION_DIGITS = 16_383;
    private static final String OUT_OF_RANGE = "number out of range: at most " + MAX_INTEGER_DIGITS
            + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it";

    private JsonNumbers() {
    }

    /** A violation (RFC 6901 pointer under {@code prefix}) for every number PostgreSQL cannot store. */
    public static List<SchemaViolation> beyondPostgres(JsonNode node, String prefix) {
        List<SchemaViolation> found = new ArrayList<>(0);
        collect(node, prefix, found);
        return found;
    }

    /** Why PostgreSQL cannot store the number {@code node}, or {@code null} when it can. */
    static String problem(JsonNode node) {
        if (node.isBigDecimal()) {
            return storable(node.decimalValue()) ? null : OUT_OF_RANGE;
        }
        if (node.isBigInteger()) {
            return storable(new BigDecimal(node.bigIntegerValue())) ? null : OUT_OF_RANGE;
        }
        return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) ? "number is not finite" : null;
    }

    private static void collect(JsonNode node, String pointer, List<SchemaViolation> found) {
        if (node.isObject()) {
            node.properties().forEach(m -> collect(m.getValue(), pointer + "/" + escape(m.getKey()), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, found);
            }
        } else if (node.isNumber() && problem(node) != null) {
            found.add(new SchemaViolation(pointer, problem(node)));
        }
    }

    private static boolean storable(BigDecimal value) {
        // precision - scale = digits before the point (when positive); scale = digits after it (when positive)
        long integerDigits = (long) value.precision() - value.scale();
        return integerDigits <= MAX_INTEGER_DIGITS && value.scale() <= MAX_FRACTION_DIGITS;
    }

    /** {@code name} as one reference token of an RFC 6901 pointer. */
    static String escape(String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }
}
