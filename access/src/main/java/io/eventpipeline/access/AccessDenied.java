package io.eventpipeline.access;

import io.eventpipeline.schemas.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request refused for its credentials, ready to be answered as RFC 9457 {@code application/problem+json}
 * ({@link #problemJson()}, {@link #headers()}): 401 with {@code WWW-Authenticate: Bearer} (RFC 6750),
 * 403 for a revoked or expired key or a missing scope, 429 with {@code Retry-After} for a client that
 * failed too often.
 */
public final class AccessDenied extends RuntimeException {

    /** Base of every problem type URI, as the services' own problems. */
    public static final String TYPE_BASE = "https://eventpipeline.io/problems/";

    /** Each refusal with its status and stable type. */
    public enum Reason {
        UNAUTHORIZED(401, "unauthorized", "A valid API key is required"),
        FORBIDDEN(403, "forbidden", "The API key is revoked or expired"),
        INSUFFICIENT_SCOPE(403, "insufficient-scope", "The API key lacks the scope this request needs"),
        TOO_MANY_FAILURES(429, "too-many-failed-authentications", "Too many failed authentications from this client");

        private final int status;
        private final String slug;
        private final String title;

        Reason(int status, String slug, String title) {
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
    }

    private final Reason reason;
    private final Map<String, String> headers;

    AccessDenied(Reason reason, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.reason = reason;
        this.headers = Map.copyOf(headers);
    }

    static AccessDenied unauthorized(String detail) {
        return new AccessDenied(Reason.UNAUTHORIZED, detail, Map.of("WWW-Authenticate", "Bearer realm=\"event-pipeline\""));
    }

    static AccessDenied forbidden(String detail) {
        return new AccessDenied(Reason.FORBIDDEN, detail, Map.of());
    }

    static AccessDenied insufficientScope(Scope needed) {
        return new AccessDenied(Reason.INSUFFICIENT_SCOPE, "This request needs an API key with scope '"
                + needed.wireName() + "'", Map.of("WWW-Authenticate",
                "Bearer realm=\"event-pipeline\", error=\"insufficient_scope\", scope=\"" + needed.wireName() + "\""));
    }

    static AccessDenied tooManyFailures(long retryAfterSeconds) {
        return new AccessDenied(Reason.TOO_MANY_FAILURES, "Too many failed authentications from this address; retry in "
                + retryAfterSeconds + " s", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return reason.status();
    }

    /** Headers the answer must carry ({@code WWW-Authenticate}, {@code Retry-After}). */
    public Map<String, String> headers() {
        return new LinkedHashMap<>(headers);
    }

    /** The RFC 9457 body: type, title, status, detail. */
    public byte[] problemJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", TYPE_BASE + reason.slug());
        body.put("title", reason.title());
        body.put("status", reason.status());
        body.put("detail", getMessage());
        return Json.MAPPER.writeValueAsBytes(body);
    }
}
