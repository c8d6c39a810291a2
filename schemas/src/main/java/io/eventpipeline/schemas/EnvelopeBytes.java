package io.eventpipeline.schemas;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Writes the {@code events.log} value of a versioned event. When the bytes an event arrived as say
 * exactly what its envelope says (only envelope fields, each once, ids and instants in the form the
 * envelope serde writes them, no version yet), they are reused with {@code ,"version":N} added before
 * their closing brace, which costs a copy instead of a serialisation. Any other input is written anew
 * from the envelope, as before. Either way the value reads back as the same {@link EventEnvelope}, and
 * as the same JSON document up to key order and whitespace (a property test holds the two paths equal).
 */
public final class EnvelopeBytes {

    private static final String[] FIELDS = {"eventId", "aggregateType", "aggregateId", "eventType", "occurredAt",
        "payload", "metadata", "producerId", "idempotencyKey", "createdAt", "expectedVersion"};

    private EnvelopeBytes() {
    }

    /**
     * The original bytes when they can be reused for {@code events.log}, else {@code null}. {@code parsed} must
     * be what {@link EnvelopeReader#readTree} read from {@code bytes}, and {@code envelope} read from its tree.
     */
    public static byte[] reusable(byte[] bytes, EnvelopeReader.Parsed parsed, EventEnvelope envelope) {
        JsonNode tree = parsed.tree();
        return parsed.uniqueKeys() && isOneUtf8Object(bytes) && hasOnlyEnvelopeFields(tree)
                && isCanonical(tree, envelope) ? bytes : null;
    }

    /**
     * The {@code events.log} value: the event with {@code version} set, spliced into {@code reusable} (from
     * {@link #reusable}) when there are such bytes, else serialised from {@code envelope}.
     */
    public static byte[] withVersion(EventEnvelope envelope, byte[] reusable, long version) {
        if (reusable == null) {
            return Topics.EVENTS_LOG.valueSerde().serializer()
                    .serialize(Topics.EVENTS_LOG.name(), envelope.withVersion(version));
        }
        return splice(reusable, version);
    }

    /** {@code original} (one JSON object) with {@code ,"version":N} added before its closing brace. */
    public static byte[] splice(byte[] original, long version) {
        int close = lastNonWhitespace(original);
        byte[] field = (",\"version\":" + version).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[close + field.length + 1];
        System.arraycopy(original, 0, out, 0, close);
        System.arraycopy(field, 0, out, close, field.length);
        out[out.length - 1] = '}';
        return out;
    }

    // first and last significant bytes are braces: UTF-8 (a BOM or UTF-16/32 would show here), one object
    private static boolean isOneUtf8Object(byte[] bytes) {
        int first = 0;
        while (first < bytes.length && isWhitespace(bytes[first])) {
            first++;
        }
        int last = lastNonWhitespace(bytes);
        return first < last && bytes[first] == '{' && bytes[last] == '}';
    }

    // the tree has no field the envelope would drop, and no version (that one is replaced, so written anew)
    private static boolean hasOnlyEnvelopeFields(JsonNode tree) {
        int known = 0;
        for (String field : FIELDS) {
            if (tree.get(field) != null) {
                known++;
            }
        }
        return known == tree.size();
    }

    // what the envelope serde would write differently: a non-canonical UUID, instant or integer
    private static boolean isCanonical(JsonNode tree, EventEnvelope envelope) {
        JsonNode expected = tree.get("expectedVersion");
        return tree.get("eventId").asString().equals(envelope.eventId().toString())
                && isCanonicalInstant(tree.get("occurredAt"))
                && isCanonicalInstant(tree.get("createdAt"))
                && (expected == null || expected.isIntegralNumber() && expected.canConvertToLong());
    }

    private static boolean isCanonicalInstant(JsonNode node) {
        return node == null || IsoInstant.isCanonical(node.asString());
    }

    private static int lastNonWhitespace(byte[] bytes) {
        int last = bytes.length - 1;
        while (last >= 0 && isWhitespace(bytes[last])) {
            last--;
        }
        return last;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
