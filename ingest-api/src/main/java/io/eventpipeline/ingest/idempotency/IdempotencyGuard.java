package io.eventpipeline.ingest.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request at most once per (producer, Idempotency-Key), following the IETF Idempotency-Key draft
 * and Stripe's semantics, and says what it decided as a {@link Guarded} value (the api turns it into a reply):
 * <ul>
 *   <li>a different fingerprint under a used key is {@link Guarded.KeyReused} before anything else is looked at;</li>
 *   <li>a key whose request is still running is {@link Guarded.InProgress};</li>
 *   <li>a completed key is {@link Guarded.Replayed} with the stored status and body;</li>
 *   <li>a failed execution (Kafka did not acknowledge) releases the claim so a retry can run.</li>
 * </ul>
 * Inside one instance, recent answers replay from Caffeine and concurrent identical requests share one
 * execution (single flight). When Redis is unavailable the request still runs (event ids are
 * deterministic, so downstream dedup stays exact) and is {@link Guarded.Ran} {@code degraded}.
 */
public final class IdempotencyGuard {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGuard.class);

    /** The outcomes counted in {@code ingest.idempotency.outcomes}. */
    public enum Outcome { NEW, REPLAYED_LOCAL, REPLAYED_REDIS, SHARED_IN_FLIGHT, IN_PROGRESS, MISMATCH, DEGRADED }

    private final RedisIdempotencyStore store;
    private final Duration resultTtl;
    private final Duration inProgressTtl;
    private final LocalReplays recent;
    private final Map<String, Flight<?>> inFlight = new ConcurrentHashMap<>();
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

    private record Flight<T>(String fingerprint, CompletableFuture<Guarded<T>> answer) {
    }

    /**
     * @param scopedKey   the Idempotency-Key already scoped to its producer
     * @param fingerprint the request's {@link Fingerprint}
     * @param execution   produces the events and says whether Kafka acknowledged them
     * @param completed   the answer to store and replay of a result, empty when the execution failed and a
     *                    retry must run it again
     */
    public <T> Guarded<T> run(String scopedKey, String fingerprint, Supplier<T> execution,
            Function<T, Optional<Answer>> completed) {
        StoredEntry.Completed local = recent.get(scopedKey);
        if (local != null) {
            return replay(local, fingerprint, Outcome.REPLAYED_LOCAL);
        }
        Flight<T> mine = new Flight<>(fingerprint, new CompletableFuture<>());
        @SuppressWarnings("unchecked") // every flight under one key runs the same route, so the same T
        Flight<T> running = (Flight<T>) inFlight.putIfAbsent(scopedKey, mine);
        if (running != null) {
            return joinRunning(running, fingerprint);
        }
        try {
            Guarded<T> guarded = lead(scopedKey, fingerprint, execution, completed);
            mine.answer().complete(guarded);
            return guarded;
        } catch (RuntimeException | Error e) {
            mine.answer().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(scopedKey, mine);
        }
    }

    private <T> Guarded<T> joinRunning(Flight<T> running, String fingerprint) {
        if (!running.fingerprint().equals(fingerprint)) {
            return mismatch();
        }
        count(Outcome.SHARED_IN_FLIGHT);
        try {
            return running.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private <T> Guarded<T> lead(String scopedKey, String fingerprint, Supplier<T> execution,
            Function<T, Optional<Answer>> completed) {
        StoredEntry.InProgress claim = new StoredEntry.InProgress(UUID.randomUUID().toString(), fingerprint);
        Optional<StoredEntry> existing;
        try {
            existing = store.claim(scopedKey, claim, inProgressTtl);
        } catch (StoreUnavailableException e) {
            return runDegraded(scopedKey, fingerprint, execution, completed, e);
        }
        if (existing.isPresent()) {
            return answerExisting(scopedKey, existing.get(), fingerprint);
        }
        count(Outcome.NEW);
        T result;
        try {
            result = execution.get();
        } catch (RuntimeException | Error e) {
            releaseQuietly(scopedKey, claim);
            throw e;
        }
        completed.apply(result).ifPresentOrElse(answer -> keep(scopedKey, claim, fingerprint, answer),
                () -> releaseQuietly(scopedKey, claim));
        return new Guarded.Ran<>(result, false);
    }

    private void keep(String scopedKey, StoredEntry.InProgress claim, String fingerprint, Answer answer) {
        StoredEntry.Completed result = new StoredEntry.Completed(fingerprint, answer.status(), answer.body());
        recent.remember(scopedKey, result);
        try {
            if (!store.complete(scopedKey, claim, result, resultTtl)) {
                log.warn("idempotency claim for a request expired before it completed; raise IDEMPOTENCY_IN_PROGRESS_TTL");
            }
        } catch (StoreUnavailableException e) {
            // The events are in Kafka: the answer stands. A retry elsewhere re-sends the same event ids.
            log.warn("could not store the idempotent result: {}", e.getMessage());
        }
    }

    private <T> Guarded<T> answerExisting(String scopedKey, StoredEntry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return mismatch();
        }
        return switch (entry) {
            case StoredEntry.Completed done -> {
                recent.remember(scopedKey, done);
                yield replay(done, fingerprint, Outcome.REPLAYED_REDIS);
            }
            case StoredEntry.InProgress running -> {
                count(Outcome.IN_PROGRESS);
                yield new Guarded.InProgress<>();
            }
        };
    }

    private <T> Guarded<T> runDegraded(String scopedKey, String fingerprint, Supplier<T> execution,
            Function<T, Optional<Answer>> completed, Exception cause) {
        count(Outcome.DEGRADED);
        log.debug("idempotency store unavailable, accepting degraded: {}", cause.getMessage());
        T result = execution.get();
        completed.apply(result).ifPresent(answer ->
                recent.remember(scopedKey, new StoredEntry.Completed(fingerprint, answer.status(), answer.body())));
        return new Guarded.Ran<>(result, true);
    }

    private <T> Guarded<T> replay(StoredEntry.Completed stored, String fingerprint, Outcome outcome) {
        if (!stored.fingerprint().equals(fingerprint)) {
            return mismatch();
        }
        count(outcome);
        return new Guarded.Replayed<>(stored.status(), stored.body());
    }

    private void releaseQuietly(String scopedKey, StoredEntry.InProgress claim) {
        try {
            store.release(scopedKey, claim);
        } catch (StoreUnavailableException e) {
            // The claim expires by itself after IDEMPOTENCY_IN_PROGRESS_TTL.
            log.warn("could not release an idempotency claim: {}", e.getMessage());
        }
    }

    private <T> Guarded<T> mismatch() {
        count(Outcome.MISMATCH);
        return new Guarded.KeyReused<>();
    }

    private void count(Outcome outcome) {
        outcomes.get(outcome).increment();
    }
}
