package io.eventpipeline.ingest.idempotency;

import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.ingest.problem.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request at most once per (producer, Idempotency-Key), following the IETF Idempotency-Key draft
 * and Stripe's semantics:
 * <ul>
 *   <li>a different fingerprint under a used key is refused (422) before anything else is looked at;</li>
 *   <li>a key whose request is still running answers 409 with {@code Retry-After};</li>
 *   <li>a completed key replays the stored status and body with {@code Idempotent-Replayed: true};</li>
 *   <li>a failed execution (Kafka did not acknowledge) releases the claim so a retry can run.</li>
 * </ul>
 * Inside one instance, recent answers replay from Caffeine and concurrent identical requests share one
 * execution (single flight). When Redis is unavailable the request still runs (event ids are
 * deterministic, so downstream dedup stays exact) and the answer carries {@code Idempotency-Degraded: true}.
 */
public final class IdempotencyGuard {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String DEGRADED_HEADER = "Idempotency-Degraded";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGuard.class);

    /** The outcomes counted in {@code ingest.idempotency.outcomes}. */
    public enum Outcome { NEW, REPLAYED_LOCAL, REPLAYED_REDIS, SHARED_IN_FLIGHT, IN_PROGRESS, MISMATCH, DEGRADED }

    private final RedisIdempotencyStore store;
    private final Duration resultTtl;
    private final Duration inProgressTtl;
    private final LocalReplays recent;
    private final Map<String, Flight> inFlight = new ConcurrentHashMap<>();
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    public IdempotencyGuard(RedisIdempotencyStore store, Duration resultTtl, Duration inProgressTtl,
            long localBytes, Duration localTtl, MeterRegistry meters) {
        this.store = store;
        this.resultTtl = resultTtl;
        this.inProgressTtl = inProgressTtl;
        this.recent = new LocalReplays(localBytes, localTtl, meters);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("ingest.idempotency.outcomes")
                    .description("Idempotency decisions by outcome")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    private record Flight(String fingerprint, CompletableFuture<Reply> answer) {
    }

    /**
     * @param scopedKey   the Idempotency-Key already scoped to its producer
     * @param fingerprint the request's {@link Fingerprint}
     * @param execution   produces the events and returns 202, or a 503 when Kafka did not acknowledge
     */
    public Reply run(String scopedKey, String fingerprint, Supplier<Reply> execution) {
        StoredEntry.Completed local = recent.get(scopedKey);
        if (local != null) {
            return replay(local, fingerprint, Outcome.REPLAYED_LOCAL);
        }
        Flight mine = new Flight(fingerprint, new CompletableFuture<>());
        Flight running = inFlight.putIfAbsent(scopedKey, mine);
        if (running != null) {
            return joinRunning(running, fingerprint);
        }
        try {
            Reply reply = lead(scopedKey, fingerprint, execution);
            mine.answer().complete(reply);
            return reply;
        } catch (RuntimeException | Error e) {
            mine.answer().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(scopedKey, mine);
        }
    }

    private Reply joinRunning(Flight running, String fingerprint) {
        if (!running.fingerprint().equals(fingerprint)) {
            throw mismatch();
        }
        count(Outcome.SHARED_IN_FLIGHT);
        try {
            return running.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Reply lead(String scopedKey, String fingerprint, Supplier<Reply> execution) {
        StoredEntry.InProgress claim = new StoredEntry.InProgress(UUID.randomUUID().toString(), fingerprint);
        Optional<StoredEntry> existing;
        try {
            existing = store.claim(scopedKey, claim, inProgressTtl);
        } catch (StoreUnavailableException e) {
            return runDegraded(scopedKey, fingerprint, execution, e);
        }
        if (existing.isPresent()) {
            return answerExisting(scopedKey, existing.get(), fingerprint);
        }
        count(Outcome.NEW);
        Reply reply;
        try {
            reply = execution.get();
        } catch (RuntimeException | Error e) {
            releaseQuietly(scopedKey, claim);
            throw e;
        }
        if (!reply.isAccepted()) {
            releaseQuietly(scopedKey, claim);
            return reply;
        }
        StoredEntry.Completed result = new StoredEntry.Completed(fingerprint, reply.status(), reply.body());
        recent.remember(scopedKey, result);
        try {
            if (!store.complete(scopedKey, claim, result, resultTtl)) {
                log.warn("idempotency claim for a request expired before it completed; raise IDEMPOTENCY_IN_PROGRESS_TTL");
            }
        } catch (StoreUnavailableException e) {
            // The events are in Kafka: the answer stands. A retry elsewhere re-sends the same event ids.
            log.warn("could not store the idempotent result: {}", e.getMessage());
        }
        return reply;
    }

    private Reply answerExisting(String scopedKey, StoredEntry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            throw mismatch();
        }
        return switch (entry) {
            case StoredEntry.Completed done -> {
                recent.remember(scopedKey, done);
                yield replay(done, fingerprint, Outcome.REPLAYED_REDIS);
            }
            case StoredEntry.InProgress running -> {
                count(Outcome.IN_PROGRESS);
                throw new ProblemException(ProblemType.IN_PROGRESS,
                        "The first request with this Idempotency-Key has not finished; retry later",
                        List.of(), Map.of("Retry-After", "1"));
            }
        };
    }

    private Reply runDegraded(String scopedKey, String fingerprint, Supplier<Reply> execution, Exception cause) {
        count(Outcome.DEGRADED);
        log.debug("idempotency store unavailable, accepting degraded: {}", cause.getMessage());
        Reply reply = execution.get();
        if (reply.isAccepted()) {
            recent.remember(scopedKey, new StoredEntry.Completed(fingerprint, reply.status(), reply.body()));
        }
        return reply.withHeader(DEGRADED_HEADER, "true");
    }

    private Reply replay(StoredEntry.Completed stored, String fingerprint, Outcome outcome) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw mismatch();
        }
        count(outcome);
        return Reply.of(stored.status(), Reply.JSON, stored.body()).withHeader(REPLAYED_HEADER, "true");
    }

    private void releaseQuietly(String scopedKey, StoredEntry.InProgress claim) {
        try {
            store.release(scopedKey, claim);
        } catch (StoreUnavailableException e) {
            // The claim expires by itself after IDEMPOTENCY_IN_PROGRESS_TTL.
            log.warn("could not release an idempotency claim: {}", e.getMessage());
        }
    }

    private ProblemException mismatch() {
        count(Outcome.MISMATCH);
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different method, path or body");
    }

    private void count(Outcome outcome) {
        outcomes.get(outcome).increment();
    }
}
