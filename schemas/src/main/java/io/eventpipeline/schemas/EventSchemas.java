package io.eventpipeline.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
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

    private static final SchemaRegistry REGISTRY = registry(true);
    /** For documents whose formatted strings are all plainly valid: the format checks cannot fail on them. */
    private static final SchemaRegistry WITHOUT_FORMATS = registry(false);
    private static final String REQUEST_FILE = "/schemas/event-request.schema.json";
    private static final String ENVELOPE_FILE = "/schemas/event-envelope.schema.json";
    private static final Schema REQUEST = load(REGISTRY, REQUEST_FILE).orElseThrow();
    private static final Schema REQUEST_PLAIN = load(WITHOUT_FORMATS, REQUEST_FILE).orElseThrow();
    private static final Schema ENVELOPE = load(REGISTRY, ENVELOPE_FILE).orElseThrow();
    private static final Schema ENVELOPE_PLAIN = load(WITHOUT_FORMATS, ENVELOPE_FILE).orElseThrow();
    /** The top-level members with a {@code format} in the request and envelope schemas (a test reads the files). */
    static final Map<String, String> REQUEST_FORMATS = Map.of("eventId", "uuid", "occurredAt", "date-time");
    static final Map<String, String> ENVELOPE_FORMATS = Map.of("eventId", "uuid", "occurredAt", "date-time",
            "createdAt", "date-time");
    private static final Map<String, Optional<Schema>> PAYLOADS = new ConcurrentHashMap<>();
    static final int MAX_REMEMBERED_TYPES = 10_000;

    private EventSchemas() {
    }

    /**
     * Violations of the request schema (what producers post for one event), and everything in it PostgreSQL
     * cannot store ({@link Storable}, reported alone when there is any).
     */
    public static List<SchemaViolation> validateRequest(JsonNode event) {
        return documentViolations(formatsArePlain(event, REQUEST_FORMATS) ? REQUEST_PLAIN : REQUEST, event);
    }

    /**
     * Violations of the envelope schema (what travels on events.raw and events.log), and everything in it
     * PostgreSQL cannot store ({@link Storable}, reported alone when there is any).
     */
    public static List<SchemaViolation> validateEnvelope(JsonNode envelope) {
        return documentViolations(formatsArePlain(envelope, ENVELOPE_FORMATS) ? ENVELOPE_PLAIN : ENVELOPE, envelope);
    }

    /** The request validated with every format assertion, the path {@link #validateRequest} may skip (for tests). */
    static List<SchemaViolation> validateRequestWithFormats(JsonNode event) {
        return documentViolations(REQUEST, event);
    }

    /** The envelope validated with every format assertion (for tests). */
    static List<SchemaViolation> validateEnvelopeWithFormats(JsonNode envelope) {
        return documentViolations(ENVELOPE, envelope);
    }

    /**
     * Whether every formatted member that is a string is in a form its format certainly accepts (a canonical
     * UUID, a {@code yyyy-MM-ddTHH:mm:ss[.f]Z} instant): then the format assertions cannot fail and are
     * skipped, about 1.2 of 2.9 us per envelope. Anything else goes through the full validator.
     */
    static boolean formatsArePlain(JsonNode document, Map<String, String> formats) {
        if (!document.isObject()) {
            return false;
        }
        for (Map.Entry<String, String> field : formats.entrySet()) {
            JsonNode value = document.get(field.getKey());
            if (value != null && value.isString() && !isPlain(field.getValue(), value.asString())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(String format, String text) {
        return switch (format) {
            case "uuid" -> isPlainUuid(text);
            case "date-time" -> IsoInstant.isPlain(text);
            default -> false;
        };
    }

    // 8-4-4-4-12 hex digits, either case
    private static boolean isPlainUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    /**
     * Violations of the payload schema of {@code eventType}; none when that type has no schema.
     * Pointers are prefixed with {@code pointerPrefix} (e.g. {@code /payload}). Meant after
     * {@link #validateRequest} or {@link #validateEnvelope}, which already refused what PostgreSQL cannot store.
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
        Optional<Schema> loaded = load(REGISTRY, "/schemas/payloads/" + eventType + ".schema.json");
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

    /**
     * A whole request or envelope, payload included: what PostgreSQL cannot store ({@link Storable}) is checked
     * here, once per document, so the payload validation that follows does not walk the payload again.
     */
    private static List<SchemaViolation> documentViolations(Schema schema, JsonNode document) {
        // Checked first: the validator itself throws on some of them (networknt's minimum on 1e999999).
        List<SchemaViolation> unstorable = Storable.violations(document);
        return unstorable.isEmpty() ? violations(schema, document, "") : unstorable;
    }

    private static List<SchemaViolation> violations(Schema schema, JsonNode node, String prefix) {
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

    private static SchemaRegistry registry(boolean formatAssertions) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .formatAssertionsEnabled(formatAssertions)
                        .build()));
    }

    private static Optional<Schema> load(SchemaRegistry registry, String resource) {
        InputStream in = EventSchemas.class.getResourceAsStream(resource);
        if (in == null) {
            return Optional.empty();
        }
        return Optional.of(registry.getSchema(SchemaLocation.of("classpath:" + resource), in, InputFormat.JSON));
    }
}
