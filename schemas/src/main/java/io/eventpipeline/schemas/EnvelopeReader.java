package io.eventpipeline.schemas;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an envelope from the bytes of a record directly. {@link #readTree} parses once and tells whether a
 * member name was repeated (such bytes are never reused, {@link EnvelopeBytes}); {@link #fromValidatedTree}
 * builds the envelope from a tree that already passed {@link EventSchemas#validateEnvelope}. Binding the same
 * tree with {@code treeToValue} cost as much as parsing and validating it together (JFR and a
 * micro-benchmark, ~4-6 us of ~13-19 us per record); this does the same in well under a microsecond. A
 * property test checks it against Jackson's binding, so a field added to {@link EventEnvelope} cannot be
 * lost here silently.
 */
public final class EnvelopeReader {

    // same reading as Json.MAPPER, but tells a document with a repeated key, whose bytes cannot be reused
    private static final JsonMapper UNIQUE_KEYS = Json.MAPPER.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private EnvelopeReader() {
    }

    /**
     * A parsed document and whether its member names were unique in every object.
     *
     * @param tree       the document as {@link Json#MAPPER} reads it (the last of repeated names wins)
     * @param uniqueKeys {@code false} when some object repeated a member name
     */
    public record Parsed(JsonNode tree, boolean uniqueKeys) {
    }

    /** Parses {@code bytes}; throws {@link JacksonException} when they are not JSON (an empty document is a null tree). */
    public static Parsed readTree(byte[] bytes) {
        try {
            return new Parsed(UNIQUE_KEYS.readTree(bytes), true);
        } catch (JacksonException notUnique) {
            // rare: read it again as before, so what is accepted and the error text stay the same
            return new Parsed(Json.MAPPER.readTree(bytes), false);
        }
    }

    /** The envelope of a tree that passed {@link EventSchemas#validateEnvelope}. */
    public static EventEnvelope fromValidatedTree(JsonNode tree) {
        return new EventEnvelope(
                UUID.fromString(tree.get("eventId").asString()),
                tree.get("aggregateType").asString(),
                tree.get("aggregateId").asString(),
                tree.get("eventType").asString(),
                instant(tree.get("occurredAt")),
                tree.get("payload").toString(),
                rawOrNull(tree.get("metadata")),
                textOrNull(tree.get("producerId")),
                textOrNull(tree.get("idempotencyKey")),
                instant(tree.get("createdAt")),
                longOrNull(tree.get("expectedVersion")),
                longOrNull(tree.get("version")));
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : IsoInstant.parse(node.asString());
    }

    private static String rawOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
