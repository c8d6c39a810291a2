package io.eventpipeline.local;

import java.util.List;
import java.util.Random;

/**
 * JSON request bodies written as text, the way an odd client may write them: escapes of every kind, surrogate
 * pairs escaped or raw, control characters, empty and repeated member names, deep nesting, numbers at and
 * beyond what {@code numeric} stores, NUL and lone surrogates now and then, long strings, odd aggregate ids
 * and instants, whitespace between tokens. Text, not a tree, so what is sent is exactly what was generated.
 */
final class OddJson {

    private static final List<String> PIECES = List.of("a", "Z", "0", " ", "~", "/", "\\/", "\\n", "\\t", "\\r",
            "\\b", "\\f", "\\\"", "\\\\", "\\u001f", "\\u007f", "\u007f", "\\u00e9", "\u00e9", "\u4e2d", "\\u4E2D",
            "\ud83d\ude00", "\\ud83d\\ude00", "\\uD834\\uDD1E", "\u2028", "\\u2029", "\\ufeff", "\uffff", "\\uFFFE",
            "\u0301", "\u05d0", "'", "<", "&", "%", "{", "]", ",", ":");
    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "0.0", "1.50", "-0.000", "1e2", "1E+2",
            "-1e-2", "0.1e-5", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
            "12345678901234567890.123456789", "1.7976931348623157e308", "1e400", "-1e400", "4.9e-324", "1e-400",
            "1e1000", "1e-1000", "1e131071", "9e131071", "1e-16383", "1e131072", "1e-16384", "1e999999");
    private static final List<String> INSTANTS = List.of("2026-11-30T01:02:03Z", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.9999999Z", "2026-11-30T01:02:03.123456789+05:30",
            "2026-11-30T01:02:03-18:00", "2026-11-30T01:02:03+18:00", "0001-01-01T00:30:00+01:00",
            "2026-02-30T00:00:00Z", "2016-12-31T23:59:60Z", "2026-11-30t01:02:03z", "2026-11-30T01:02:03",
            "10000-01-01T00:00:00Z", "2026-11-30T01:02:03+19:00", "1970-01-01T00:00:00.000001Z");
    private static final List<String> AGGREGATE_TYPES = List.of("order", "a", "x.y-z_9", "cart.v2");
    private static final List<String> EVENT_TYPES = List.of("order.updated", "thing_happened", "a.b.c.d", "x9");
    private static final int[] DEPTHS = {20, 300, 499, 500, 501, 1000, 5000};

    private final Random random;

    OddJson(long seed) {
        this.random = new Random(seed);
    }

    /** One POST /v1/events body: mostly valid, sometimes not storable or not valid at all. */
    String event() {
        StringBuilder out = new StringBuilder("{");
        member(out, "aggregateType", quoted(pick(AGGREGATE_TYPES)));
        out.append(',');
        member(out, "aggregateId", aggregateId());
        out.append(',');
        member(out, "eventType", quoted(pick(EVENT_TYPES)));
        if (chance(4)) {
            out.append(',');
            member(out, "occurredAt", quoted(pick(INSTANTS)));
        }
        out.append(',');
        member(out, "payload", chance(12) ? deep() : object(3));
        if (!chance(3)) {
            out.append(',');
            member(out, "metadata", object(2));
        }
        return out.append(space()).append('}').toString();
    }

    private String aggregateId() {
        if (chance(40)) {
            return quoted(" leading-space");
        }
        if (chance(40)) {
            return quoted("x".repeat(257));
        }
        String text = string(12);
        // the first character may be neither whitespace nor '/': prefix one that is fine
        return "\"" + (random.nextBoolean() ? "id-" : "\u00e9") + text.substring(1, text.length() - 1).replace("\\/", "|")
                .replace("/", "|") + "\"";
    }

    private String deep() {
        int depth = DEPTHS[random.nextInt(DEPTHS.length)];
        StringBuilder open = new StringBuilder("{\"d\":");
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            boolean array = random.nextBoolean();
            open.append(array ? "[" : "{\"k\":");
            close.append(array ? ']' : '}');
        }
        return open + "1" + close.reverse() + "}";
    }

    private String object(int depth) {
        StringBuilder out = new StringBuilder("{");
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = chance(8) ? "\"\"" : string(6);
            out.append(space()).append(name).append(space()).append(':').append(value(depth - 1));
        }
        return out.append(space()).append('}').toString();
    }

    private String array(int depth) {
        StringBuilder out = new StringBuilder("[");
        int items = random.nextInt(5);
        for (int i = 0; i < items; i++) {
            out.append(i > 0 ? "," : "").append(value(depth - 1));
        }
        return out.append(space()).append(']').toString();
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        String value = switch (kind) {
            case 0 -> string(chance(30) ? 40_000 : 16);
            case 1 -> chance(3) ? String.valueOf(random.nextLong()) : pick(NUMBERS);
            case 2 -> chance(2) ? String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)) : pick(NUMBERS);
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> object(depth);
            default -> array(depth);
        };
        return space() + value + space();
    }

    /** A JSON string literal; now and then with a NUL or a lone surrogate, which PostgreSQL cannot store. */
    private String string(int maxPieces) {
        StringBuilder out = new StringBuilder("\"");
        int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            out.append(pick(PIECES));
        }
        if (chance(60)) {
            out.append("\\u0000");
        }
        if (chance(60)) {
            out.append(random.nextBoolean() ? "\\ud800" : "\\uDC00x");
        }
        return out.append('"').toString();
    }

    private void member(StringBuilder out, String name, String value) {
        out.append(space()).append('"').append(name).append('"').append(space()).append(':').append(space()).append(value);
    }

    private String space() {
        return chance(5) ? pick(List.of(" ", "\n", "\t", "\r\n ", "  ")) : "";
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
