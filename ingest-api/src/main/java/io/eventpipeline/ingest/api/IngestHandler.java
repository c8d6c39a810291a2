package io.eventpipeline.ingest.api;

import io.eventpipeline.access.Authenticator;
import io.eventpipeline.access.Scope;
import io.eventpipeline.ingest.config.IngestConfig;
import io.eventpipeline.ingest.idempotency.EventIds;
import io.eventpipeline.ingest.idempotency.Fingerprint;
import io.eventpipeline.ingest.idempotency.IdempotencyGuard;
import io.eventpipeline.ingest.limits.RateLimiter;
import io.eventpipeline.ingest.publish.AcceptedEvent;
import io.eventpipeline.ingest.publish.EventPublisher;
import io.eventpipeline.ingest.publish.PublishFailedException;
import io.eventpipeline.schemas.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;

/**
 * One write request from headers to answer. Checks run cheapest-first and every refusal is a
 * {@link ProblemException}: credentials (401/403), rate (429), media type (415), Idempotency-Key (400),
 * size (413), JSON (400), schemas (422, all items at once). Only then is the request run under the
 * {@link IdempotencyGuard}, and only an acknowledgement from Kafka turns into a 202.
 */
public final class IngestHandler {

    /** Request attribute carrying the event type for metrics and the slow-request log. */
    public static final String EVENT_TYPE_ATTRIBUTE = "ingest.eventType";
    public static final String PRODUCER_ATTRIBUTE = "ingest.producer";

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final IngestConfig config;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final IdempotencyGuard guard;
    private final EventPublisher publisher;

    public IngestHandler(IngestConfig config, Authenticator authenticator, RateLimiter rateLimiter,
            IdempotencyGuard guard, EventPublisher publisher) {
        this.config = config;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.guard = guard;
        this.publisher = publisher;
    }

    public Reply handle(Route route, HttpServletRequest request) {
        String producer = authenticator.authorize(request.getHeader("Authorization"), request.getRemoteAddr(),
                Scope.PRODUCE).producerId();
        request.setAttribute(PRODUCER_ATTRIBUTE, producer);
        requireWithinRate(producer);
        requireJson(request.getContentType());
        String key = idempotencyKey(request);
        byte[] body = readBody(request, route == Route.SINGLE ? config.maxBodyBytes() : config.maxBatchBytes());
        RequestParser.Body parsed = RequestParser.parse(body);
        List<EventRequest> events = route == Route.SINGLE
                ? List.of(RequestParser.single(parsed))
                : RequestParser.batch(parsed, config.maxBatchEvents());
        request.setAttribute(EVENT_TYPE_ATTRIBUTE, eventTypeOf(events));
        String fingerprint = Fingerprint.of("POST", route.path(), parsed.json());
        return guard.run(scopedKey(producer, key), fingerprint, () -> accept(route, producer, key, events));
    }

    /** Keys are scoped per producer (and per topic prefix, i.e. per pipeline sharing this Redis). */
    public String scopedKey(String producer, String key) {
        return "idem:" + config.topicPrefix() + producer.length() + ":" + producer + ":" + key;
    }

    private Reply accept(Route route, String producer, String key, List<EventRequest> events) {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AcceptedEvent> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventRequest e = events.get(i);
            UUID eventId = e.eventId() != null ? e.eventId() : EventIds.of(producer, key, i);
            accepted.add(new AcceptedEvent(eventId, e.aggregateType(), e.aggregateId(), e.eventType(), e.occurredAt(),
                    e.payload(), e.metadata(), producer, key, createdAt, e.expectedVersion()));
        }
        List<RecordMetadata> acks;
        try {
            acks = publisher.publish(accepted);
        } catch (PublishFailedException e) {
            log.warn("events not acknowledged by {}: {}", publisher.topicName(), e.getMessage());
            return new ProblemException(ProblemType.KAFKA_UNAVAILABLE, "Kafka did not acknowledge the events; retry with the same Idempotency-Key",
                    List.of(), Map.of("Retry-After", "2")).toReply();
        }
        return Reply.of(202, Reply.JSON, acceptedBody(route, accepted, acks));
    }

    /** The 202 body: eventId, partition, offset and createdAt of each event, written straight to bytes. */
    private static byte[] acceptedBody(Route route, List<AcceptedEvent> events, List<RecordMetadata> acks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + events.size() * 128);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            if (route == Route.SINGLE) {
                accepted(json, events.getFirst(), acks.getFirst());
            } else {
                json.writeStartObject();
                json.writeArrayPropertyStart("events");
                for (int i = 0; i < events.size(); i++) {
                    accepted(json, events.get(i), acks.get(i));
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        return out.toByteArray();
    }

    private static void accepted(JsonGenerator json, AcceptedEvent event, RecordMetadata ack) {
        json.writeStartObject();
        json.writeStringProperty("eventId", event.eventId().toString());
        json.writeNumberProperty("partition", ack.partition());
        json.writeNumberProperty("offset", ack.offset());
        json.writeStringProperty("createdAt", event.createdAt().toString());
        json.writeEndObject();
    }

    private void requireWithinRate(String producer) {
        OptionalLong wait = rateLimiter.tryAcquire(producer);
        if (wait.isPresent()) {
            throw new ProblemException(ProblemType.RATE_LIMITED, "Rate limit of " + config.rateLimitPerSecond()
                    + " requests/s exceeded", List.of(), Map.of("Retry-After", Long.toString(wait.getAsLong())));
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
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readBody(HttpServletRequest request, int limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
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

    private static String eventTypeOf(List<EventRequest> events) {
        String first = events.getFirst().eventType();
        for (EventRequest e : events) {
            if (!e.eventType().equals(first)) {
                return "mixed";
            }
        }
        return first;
    }
}
