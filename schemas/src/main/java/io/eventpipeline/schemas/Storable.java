package io.eventpipeline.schemas;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What PostgreSQL can store (docs/decisions.md D3, "accepted means storable"), checked on a whole request or
 * envelope so the ingest-api can answer 422 and the processor can reject before anything is written:
 * <ul>
 *   <li>no U+0000 in any string or member name, anywhere (jsonb refuses {@code \u0000}, SQLSTATE 22P05;
 *       varchar refuses the byte, 22021);</li>
 *   <li>no lone UTF-16 surrogate in any string or member name (jsonb refuses the escape; as text it would
 *       be stored as '?', not what was sent);</li>
 *   <li>numbers within {@code numeric}'s range ({@link JsonNumbers});</li>
 *   <li>{@code occurredAt} and {@code createdAt} readable as instants and within years 0001-9999 UTC, which
 *       {@code timestamptz} stores and the monthly partitions of {@code events} can be named for;</li>
 *   <li>{@code expectedVersion} and {@code version} within {@code bigint}.</li>
 * </ul>
 * Each finding is a {@link SchemaViolation} with the RFC 6901 pointer of the value.
 */
public final class Storable {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final List<String> INSTANTS = List.of("occurredAt", "createdAt");
    private static final List<String> BIGINTS = List.of("expectedVersion", "version");
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Storable() {
    }

    /** Everything in {@code document} (a request or envelope) PostgreSQL would refuse or change. */
    public static List<SchemaViolation> violations(JsonNode document) {
        List<SchemaViolation> found = new ArrayList<>(0);
        walk(document, "", found);
        if (document.isObject()) {
            INSTANTS.forEach(name -> checkInstant(document.get(name), "/" + name, found));
            BIGINTS.forEach(name -> checkBigint(document.get(name), "/" + name, found));
        }
        return found;
    }

    private static void walk(JsonNode node, String pointer, List<SchemaViolation> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String child = pointer + "/" + JsonNumbers.escape(member.getKey());
                checkText(member.getKey(), child, "member name", found);
                walk(member.getValue(), child, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, found);
            }
        } else if (node.isString()) {
            checkText(node.asString(), pointer, "string", found);
        } else if (node.isNumber()) {
            String problem = JsonNumbers.problem(node);
            if (problem != null) {
                found.add(new SchemaViolation(pointer, problem));
            }
        }
    }

    private static void checkText(String text, String pointer, String what, List<SchemaViolation> found) {
        if (text.indexOf('\u0000') >= 0) {
            found.add(new SchemaViolation(pointer, what + " contains U+0000 (NUL), which PostgreSQL cannot store"));
        }
        if (Text.loneSurrogate(text) >= 0) {
            found.add(new SchemaViolation(pointer, what + " contains a lone UTF-16 surrogate, which is not Unicode text"));
        }
    }

    private static void checkInstant(JsonNode node, String pointer, List<SchemaViolation> found) {
        if (node == null || !node.isString()) {
            return; // absent, or a type error the schema reports
        }
        try {
            Instant at = IsoInstant.parse(node.asString());
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                found.add(new SchemaViolation(pointer, "instant outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z"));
            }
        } catch (DateTimeException e) {
            found.add(new SchemaViolation(pointer, "not an RFC 3339 instant with an offset within +/-18:00: "
                    + Text.clean(node.asString(), 64)));
        }
    }

    private static void checkBigint(JsonNode node, String pointer, List<SchemaViolation> found) {
        if (node == null || !node.isNumber() || node.isIntegralNumber() && node.canConvertToLong()
                || JsonNumbers.problem(node) != null) {
            return; // fine, or out of numeric's range too and reported as such
        }
        // 1e30 is an integer to JSON Schema too; a fraction is a type error the schema reports
        BigDecimal value = node.decimalValue();
        boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        if (whole && (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0)) {
            found.add(new SchemaViolation(pointer, "integer outside bigint (-2^63..2^63-1)"));
        }
    }
}
