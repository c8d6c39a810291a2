package io.eventpipeline.ingest.api;

import io.eventpipeline.access.Authenticator;
import io.eventpipeline.access.Scope;
import io.eventpipeline.ingest.idempotency.Fingerprint;
import io.eventpipeline.ingest.limits.SharedRateLimiter;
import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.schemas.EventRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Everything a write request must pass before it may run, cheapest first; each refusal is thrown
 * ({@code AccessDenied} for credentials, {@link ProblemException} otherwise): key with scope produce
 * (401/403/429), media type (415), Idempotency-Key (400), body size (413), JSON (400), schemas and
 * storability (422, all items at once), and the producer's shared event rate (429, one token per event).
 */
final class RequestChecks {

    /** A request that passed every check. */
    record Checked(String producer, String idempotencyKey, List<EventRequest> events, String fingerprint) {

        String eventType() {
            String first = events.getFirst().eventType();
            return events.stream().allMatch(e -> e.eventType().equals(first)) ? first : "mixed";
        }
    }

    private final ApiSettings config;
    private final Authenticator authenticator;
    private final SharedRateLimiter rateLimiter;

    RequestChecks(ApiSettings config, Authenticator authenticator, SharedRateLimiter rateLimiter) {
        this.config = config;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    Checked check(Route route, HttpServletRequest request) {
        String producer = authenticator.authorize(request.getHeader("Authorization"), request.getRemoteAddr(),
                Scope.PRODUCE).producerId();
        requireJson(request.getContentType());
        String key = idempotencyKey(request);
        RequestParser.Body parsed = RequestParser.parse(readBody(request, bodyLimit(route)));
        List<EventRequest> events = route == Route.SINGLE
                ? List.of(RequestParser.single(parsed))
                : RequestParser.batch(parsed, config.maxBatchEvents());
        requireWithinRate(producer, events.size());
        return new Checked(producer, key, events, Fingerprint.of("POST", route.path(), parsed.json()));
    }

    int bodyLimit(Route route) {
        return route == Route.SINGLE ? config.maxBodyBytes() : config.maxBatchBytes();
    }

    private void requireWithinRate(String producer, int events) {
        OptionalLong wait = rateLimiter.tryAcquire(producer, events);
        if (wait.isPresent()) {
            throw new ProblemException(ProblemType.RATE_LIMITED, "Rate limit of " + config.eventsPerSecond()
                    + " events/s for this producer exceeded (this request holds " + events + ")", List.of(),
                    Map.of("Retry-After", Long.toString(wait.getAsLong())));
        }
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is missing; send application/json");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is not a media type");
        }
        boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
        boolean utf8 = type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset());
        if (!json || !utf8) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send application/json in UTF-8");
        }
    }

    static String idempotencyKey(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders("Idempotency-Key"));
        if (values.isEmpty()) {
            throw new ProblemException(ProblemType.MISSING_IDEMPOTENCY_KEY, "Every POST needs an Idempotency-Key header");
        }
        if (values.size() > 1 || !isValidKey(values.getFirst())) {
            throw new ProblemException(ProblemType.INVALID_IDEMPOTENCY_KEY,
                    "Send exactly one Idempotency-Key of 1-255 visible ASCII characters");
        }
        return values.getFirst();
    }

    static boolean isValidKey(String key) {
        return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static byte[] readBody(HttpServletRequest request, int limit) {
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request body", e);
        }
    }

    private static ProblemException tooLarge(int limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The body may have at most " + limit + " bytes");
    }
}
