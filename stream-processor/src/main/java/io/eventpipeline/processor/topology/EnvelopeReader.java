package io.eventpipeline.processor.topology;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.IsoInstant;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Builds the envelope from a tree that already passed the envelope schema. Binding the same tree with
 * {@code treeToValue} cost as much as parsing and validating it together (JFR and a micro-benchmark,
 * ~4-6 us of ~13-19 us per record); this does the same in well under a microsecond. A property test
 * checks it against Jackson's binding, so a field added to {@link EventEnvelope} cannot be lost here
 * silently.
 */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    static EventEnvelope fromValidatedTree(JsonNode tree) {
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
