package io.eventpipeline.ingest.api;

import io.eventpipeline.ingest.problem.ProblemException.ItemError;
import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.schemas.EventRequest;
import io.eventpipeline.schemas.EventSchemas;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.SchemaViolation;
import io.eventpipeline.schemas.Storable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Turns request bytes into validated events, all or nothing: duplicate keys and trailing data are malformed
 * JSON (400), and every schema violation of every item is collected with its index and JSON pointer (422).
 */
public final class RequestParser {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A parsed body. */
    public record Body(JsonNode json) {
    }

    private RequestParser() {
    }

    public static Body parse(byte[] body) {
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "Body is not JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "Body is empty");
        }
        return new Body(node);
    }

    public static EventRequest single(Body body) {
        List<ItemError> errors = new ArrayList<>();
        EventRequest event = validate(body.json(), null, errors);
        failIfAny(errors, "The event does not match its schema");
        return event;
    }

    public static List<EventRequest> batch(Body body, int maxEvents) {
        JsonNode node = body.json();
        if (!node.isArray()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A batch is a JSON array of events",
                    List.of(new ItemError(null, "", "expected an array")), Map.of());
        }
        if (node.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A batch needs at least one event",
                    List.of(new ItemError(null, "", "empty array")), Map.of());
        }
        if (node.size() > maxEvents) {
            throw new ProblemException(ProblemType.BATCH_TOO_LARGE,
                    "A batch holds at most " + maxEvents + " events, got " + node.size());
        }
        List<ItemError> errors = new ArrayList<>();
        List<EventRequest> events = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            events.add(validate(node.get(i), i, errors));
        }
        failIfAny(errors, errors.size() + " violation(s) in the batch; nothing was accepted");
        return events;
    }

    private static EventRequest validate(JsonNode node, Integer index, List<ItemError> errors) {
        int before = errors.size();
        for (SchemaViolation v : EventSchemas.validateRequest(node)) {
            errors.add(new ItemError(index, v.pointer(), v.message()));
        }
        if (errors.size() > before) {
            return null;
        }
        String eventType = node.get("eventType").asString();
        for (SchemaViolation v : EventSchemas.validatePayload(eventType, node.get("payload"), "/payload")) {
            errors.add(new ItemError(index, v.pointer(), v.message()));
        }
        // accepted means storable (docs/decisions.md D3): NUL, lone surrogates, numbers, instants, bigints
        for (SchemaViolation v : Storable.violations(node)) {
            errors.add(new ItemError(index, v.pointer(), v.message()));
        }
        if (errors.size() > before) {
            return null;
        }
        UUID eventId = null;
        OffsetDateTime occurredAt = null;
        try {
            eventId = node.hasNonNull("eventId") ? UUID.fromString(node.get("eventId").asString()) : null;
        } catch (IllegalArgumentException e) {
            errors.add(new ItemError(index, "/eventId", "not a UUID"));
        }
        try {
            occurredAt = node.hasNonNull("occurredAt") ? OffsetDateTime.parse(node.get("occurredAt").asString()) : null;
        } catch (DateTimeParseException e) {
            errors.add(new ItemError(index, "/occurredAt", "not an RFC 3339 date-time"));
        }
        if (node.hasNonNull("expectedVersion") && !node.get("expectedVersion").canConvertToLong()) {
            errors.add(new ItemError(index, "/expectedVersion", "must fit a 64-bit integer"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new EventRequest(
                eventId,
                node.get("aggregateType").asString(),
                node.get("aggregateId").asString(),
                eventType,
                node.hasNonNull("expectedVersion") ? node.get("expectedVersion").asLong() : null,
                occurredAt == null ? null : occurredAt.toInstant(),
                node.get("payload"),
                node.hasNonNull("metadata") ? node.get("metadata") : null);
    }

    private static void failIfAny(List<ItemError> errors, String detail) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors, Map.of());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
