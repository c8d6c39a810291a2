package io.eventpipeline.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas in {@code schemas/} (classpath {@code /schemas}): the request a producer posts,
 * the envelope on the topics, and a payload schema per event type where one exists
 * ({@code schemas/payloads/<eventType>.schema.json}). Thread-safe; schemas are loaded once.
 */
public final class EventSchemas {

    /** An event type that may name a payload schema file; compiled once (String.matches compiled it per call). */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,127}");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .build()));
    private static final Schema REQUEST = load("/schemas/event-request.schema.json").orElseThrow();
    private static final Schema ENVELOPE = load("/schemas/event-envelope.schema.json").orElseThrow();
    private static final Map<String, Optional<Schema>> PAYLOADS = new ConcurrentHashMap<>();
    static final int MAX_REMEMBERED_TYPES = 10_000;

    private EventSchemas() {
    }

    /** Violations of the request schema (what producers post for one event). */
    public static List<SchemaViolation> validateRequest(JsonNode event) {
        return violations(REQUEST, event, "");
    }

    /** Violations of the envelope schema (what travels on events.raw and events.log). */
    public static List<SchemaViolation> validateEnvelope(JsonNode envelope) {
        return violations(ENVELOPE, envelope, "");
    }

    /**
     * Violations of the payload schema of {@code eventType}; none when that type has no schema.
     * Pointers are prefixed with {@code pointerPrefix} (e.g. {@code /payload}).
     */
    public static List<SchemaViolation> validatePayload(String eventType, JsonNode payload, String pointerPrefix) {
        return payloadSchema(eventType).map(s -> violations(s, payload, pointerPrefix)).orElse(List.of());
    }

    public static boolean hasPayloadSchema(String eventType) {
        return payloadSchema(eventType).isPresent();
    }

    private static Optional<Schema> payloadSchema(String eventType) {
        if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
            return Optional.empty();
        }
        Optional<Schema> cached = PAYLOADS.get(eventType);
        if (cached != null) {
            return cached;
        }
        Optional<Schema> loaded = load("/schemas/payloads/" + eventType + ".schema.json");
        // Event types are producer-chosen: remember every type that has a schema, but only so many without one.
        if (loaded.isPresent() || PAYLOADS.size() < MAX_REMEMBERED_TYPES) {
            PAYLOADS.putIfAbsent(eventType, loaded);
        }
        return loaded;
    }

    /** How many event types the payload-schema lookup remembers (for the bound's test). */
    static int rememberedTypes() {
        return PAYLOADS.size();
    }

    private static List<SchemaViolation> violations(Schema schema, JsonNode node, String prefix) {
        // Checked first: the validator itself throws on some of them (networknt's minimum on 1e999999).
        List<SchemaViolation> numbers = JsonNumbers.beyondPostgres(node, prefix);
        if (!numbers.isEmpty()) {
            return numbers;
        }
        List<Error> errors;
        try {
            errors = schema.validate(node);
        } catch (RuntimeException e) {
            // A document the validator cannot even walk is refused, never a 500 or a crashed stream thread.
            return List.of(new SchemaViolation(prefix, "cannot be validated: " + e.getMessage()));
        }
        return errors.stream()
                .map(e -> new SchemaViolation(prefix + e.getInstanceLocation().toString(), e.getMessage()))
                .toList();
    }

    private static Optional<Schema> load(String resource) {
        InputStream in = EventSchemas.class.getResourceAsStream(resource);
        if (in == null) {
            return Optional.empty();
        }
        return Optional.of(REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource), in,
                com.networknt.schema.InputFormat.JSON));
    }
}
