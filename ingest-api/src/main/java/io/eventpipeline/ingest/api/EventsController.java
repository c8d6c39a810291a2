package io.eventpipeline.ingest.api;

import io.eventpipeline.access.KeyStoreUnavailableException;
import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.ingest.problem.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP edge: maps routes to the {@link IngestHandler}, turns every refusal into problem+json, times
 * requests by route, status and event type, and logs requests slower than {@code SLOW_REQUEST_THRESHOLD}.
 */
@RestController
class EventsController {

    private static final Logger log = LoggerFactory.getLogger(EventsController.class);
    /** Event types are producer-chosen: past this many distinct values the tag becomes "other". */
    private static final int MAX_EVENT_TYPE_TAGS = 200;

    private final IngestHandler handler;
    private final MeterRegistry meters;
    private final Duration slowThreshold;
    private final Set<String> eventTypeTags = ConcurrentHashMap.newKeySet();

    EventsController(IngestHandler handler, MeterRegistry meters, ApiSettings settings) {
        this.handler = handler;
        this.meters = meters;
        this.slowThreshold = settings.slowRequestThreshold();
    }

    @PostMapping("/v1/events")
    ResponseEntity<byte[]> single(HttpServletRequest request) {
        return serve(Route.SINGLE, request);
    }

    @PostMapping("/v1/events:batch")
    ResponseEntity<byte[]> batch(HttpServletRequest request) {
        return serve(Route.BATCH, request);
    }

    private ResponseEntity<byte[]> serve(Route route, HttpServletRequest request) {
        long start = System.nanoTime();
        IngestHandler.Outcome outcome = answer(route, request);
        Reply reply = outcome.reply();
        long elapsed = System.nanoTime() - start;
        String eventType = eventTypeTag(outcome.eventType());
        Timer.builder("ingest.requests")
                .description("Write requests by route, status and event type")
                .tag("route", route.tag())
                .tag("status", Integer.toString(reply.status()))
                .tag("event_type", eventType)
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters)
                .record(elapsed, TimeUnit.NANOSECONDS);
        if (elapsed > slowThreshold.toNanos()) {
            log.warn("slow request route={} status={} eventType={} producer={} tookMs={}", route.path(), reply.status(),
                    eventType, outcome.producer(), elapsed / 1_000_000);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(headers::set);
        return ResponseEntity.status(reply.status()).headers(headers).body(reply.body());
    }

    /** Refusals come back as outcomes; what is left here are failures of a dependency or of this code. */
    private IngestHandler.Outcome answer(Route route, HttpServletRequest request) {
        try {
            return handler.handle(route, request);
        } catch (KeyStoreUnavailableException e) {
            log.warn("api key lookup failed: {}", e.getMessage());
            return refused(new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                    "The API key store is unavailable; retry later", List.of(), Map.of("Retry-After", "2")));
        } catch (UncheckedIOException e) {
            log.debug("client went away while sending its body: {}", e.getMessage());
            return refused(new ProblemException(ProblemType.MALFORMED_JSON, "The body could not be read completely"));
        } catch (RuntimeException e) {
            log.error("unexpected failure on {}", route.path(), e);
            return refused(new ProblemException(ProblemType.INTERNAL, "Unexpected error; retry with the same Idempotency-Key"));
        }
    }

    private static IngestHandler.Outcome refused(ProblemException problem) {
        return new IngestHandler.Outcome(problem.toReply(), null, null);
    }

    private String eventTypeTag(String type) {
        if (type == null) {
            return "none";
        }
        if (eventTypeTags.contains(type) || eventTypeTags.size() < MAX_EVENT_TYPE_TAGS && eventTypeTags.add(type)) {
            return type;
        }
        return "other";
    }
}
