package io.eventpipeline.ingest.problem;

import java.net.URI;

/**
 * Every refusal the API makes, each with a stable {@code type} URI (documented in {@code openapi.yaml}).
 * Clients switch on the type, never on the title or detail text. Credential refusals (401, 403, 429
 * {@code too-many-failed-authentications}) are the access module's {@code AccessDenied}.
 */
public enum ProblemType {
    MISSING_IDEMPOTENCY_KEY(400, "missing-idempotency-key", "Idempotency-Key header is required"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid-idempotency-key", "Idempotency-Key must be one header of 1-255 visible ASCII characters"),
    MALFORMED_JSON(400, "malformed-json", "Request body is not well-formed JSON"),
    IN_PROGRESS(409, "request-in-progress", "A request with this Idempotency-Key is still in progress"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body is too large"),
    BATCH_TOO_LARGE(413, "batch-too-large", "Batch holds too many events"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Content-Type must be application/json"),
    VALIDATION_FAILED(422, "validation-failed", "The event does not match its schema"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "This Idempotency-Key was used with a different request"),
    RATE_LIMITED(429, "rate-limited", "Too many events for this producer"),
    INTERNAL(500, "internal", "Unexpected error"),
    KAFKA_UNAVAILABLE(503, "kafka-unavailable", "The event log did not acknowledge the events; nothing was accepted"),
    DEPENDENCY_UNAVAILABLE(503, "dependency-unavailable", "A dependency needed to check the request is unavailable"),
    SERVER_BUSY(503, "server-busy", "This instance holds as many request bytes as it may; retry shortly");

    /** Base of every problem type URI. */
    public static final String BASE = "https://eventpipeline.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }
}
