package io.eventpipeline.ingest.api;

import io.eventpipeline.access.AccessDenied;
import io.eventpipeline.access.Authenticator;
import io.eventpipeline.ingest.idempotency.EventIds;
import io.eventpipeline.ingest.idempotency.IdempotencyGuard;
import io.eventpipeline.ingest.limits.InFlightBytes;
import io.eventpipeline.ingest.limits.SharedRateLimiter;
import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.ingest.problem.Reply;
import io.eventpipeline.ingest.publish.AcceptedEvents;
import io.eventpipeline.ingest.publish.EventPublisher;
import io.eventpipeline.ingest.publish.PublishFailedException;
import io.eventpipeline.schemas.Acceptance;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write request from headers to answer: it reserves its bytes ({@link InFlightBytes}), passes the
 * {@link RequestChecks}, then runs under the {@link IdempotencyGuard}; only an acknowledgement from Kafka
 * turns into a 202. Returns what the edge needs to answer, time and log it, never throws a refusal.
 */
public final class IngestHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    /** The answer, and who asked for what (null where the request was refused before it was known). */
    public record Outcome(Reply reply, String producer, String eventType) {

        static Outcome refused(Reply reply) {
            return new Outcome(reply, null, null);
        }
    }

    private final RequestChecks checks;
    private final InFlightBytes inFlight;
    private final IdempotencyGuard guard;
    private final EventPublisher publisher;
    private final String idempotencyNamespace;

    public IngestHandler(ApiSettings settings, Authenticator authenticator, SharedRateLimiter rateLimiter,
            InFlightBytes inFlight, IdempotencyGuard guard, EventPublisher publisher) {
        this.checks = new RequestChecks(settings, authenticator, rateLimiter);
        this.inFlight = inFlight;
        this.guard = guard;
        this.publisher = publisher;
        this.idempotencyNamespace = "idem:" + settings.topicPrefix();
    }

    public Outcome handle(Route route, HttpServletRequest request) {
        int limit = checks.bodyLimit(route);
        long declared = request.getContentLengthLong();
        Optional<InFlightBytes.Reservation> reservation = inFlight.reserve(declared < 0 ? limit : (int) Math.min(declared, limit));
        if (reservation.isEmpty()) {
            return Outcome.refused(new ProblemException(ProblemType.SERVER_BUSY, "Too many request bytes in flight; retry",
                    List.of(), Map.of("Retry-After", "1")).toReply());
        }
        try (InFlightBytes.Reservation held = reservation.get()) {
            RequestChecks.Checked checked = checks.check(route, request);
            Reply reply = GuardedReplies.reply(guard.run(scopedKey(checked.producer(), checked.idempotencyKey()),
                    checked.fingerprint(), () -> accept(route, checked), GuardedReplies::kept));
            return new Outcome(reply, checked.producer(), checked.eventType());
        } catch (ProblemException e) {
            return Outcome.refused(e.toReply());
        } catch (AccessDenied e) {
            return Outcome.refused(AcceptedReplies.denied(e));
        }
    }

    /** Keys are scoped per producer (and per topic prefix, i.e. per pipeline sharing this Redis). */
    public String scopedKey(String producer, String key) {
        return idempotencyNamespace + producer.length() + ":" + producer + ":" + key;
    }

    private Reply accept(Route route, RequestChecks.Checked checked) {
        Acceptance acceptance = new Acceptance(checked.producer(), checked.idempotencyKey(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        List<UUID> eventIds = new ArrayList<>(checked.events().size());
        for (int i = 0; i < checked.events().size(); i++) {
            UUID given = checked.events().get(i).eventId();
            eventIds.add(given != null ? given : EventIds.of(checked.producer(), checked.idempotencyKey(), i));
        }
        AcceptedEvents accepted = new AcceptedEvents(acceptance, checked.events(), eventIds);
        List<RecordMetadata> acks;
        try {
            acks = publisher.publish(accepted);
        } catch (PublishFailedException e) {
            log.warn("events not acknowledged by {}: {}", publisher.topicName(), e.getMessage());
            return new ProblemException(ProblemType.KAFKA_UNAVAILABLE,
                    "Kafka did not acknowledge the events; retry with the same Idempotency-Key",
                    List.of(), Map.of("Retry-After", "2")).toReply();
        }
        return AcceptedReplies.accepted(route, accepted, acks);
    }
}
