package io.eventpipeline.ingest.idempotency;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The shared idempotency store in Redis, every call guarded by a circuit breaker and a timeout. One
 * lettuce connection is shared by all requests: commands from concurrent requests are pipelined on it
 * (the async API; a request's virtual thread waits on its own future only).
 *
 * <p>Claim = {@code SET key claim NX GET PX inProgressTtl}: atomically either takes the key (returns
 * empty) or returns what is already there. Completion and release are Lua compare-and-set scripts on the
 * exact claim value, so only the owner of a claim may complete or release it.
 */
public final class RedisIdempotencyStore implements AutoCloseable {

    private static final String COMPLETE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    private final RedisClient client;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final Timer latency;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisIdempotencyStore(String redisUrl, Duration timeout, CircuitBreaker breaker, MeterRegistry meters) {
        this.latency = Timer.builder("ingest.redis.command")
                .description("Latency of idempotency-store commands (claim, complete, release)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected: queued commands would only turn into timeouts.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        this.breaker = breaker;
        this.timeout = timeout;
    }

    /** Takes the key for {@code claim}, or returns the entry that already holds it. */
    public Optional<StoredEntry> claim(String key, StoredEntry.InProgress claim, Duration inProgressTtl)
            throws StoreUnavailableException {
        String previous = call(c -> c.setGet(key, claim.encode(), SetArgs.Builder.nx().px(inProgressTtl.toMillis())));
        return Optional.ofNullable(previous).map(StoredEntry::decode);
    }

    /** Replaces the owner's claim by the final answer; false when the claim is no longer the owner's. */
    public boolean complete(String key, StoredEntry.InProgress claim, StoredEntry.Completed result, Duration ttl)
            throws StoreUnavailableException {
        Long done = call(c -> c.eval(COMPLETE, ScriptOutputType.INTEGER, new String[] {key},
                claim.encode(), result.encode(), Long.toString(ttl.toMillis())));
        return done != null && done == 1L;
    }

    /** Deletes the owner's claim so a retry can run; false when it was no longer the owner's. */
    public boolean release(String key, StoredEntry.InProgress claim) throws StoreUnavailableException {
        Long done = call(c -> c.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, claim.encode()));
        return done != null && done == 1L;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    private <T> T call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command)
            throws StoreUnavailableException {
        if (!breaker.tryAcquirePermission()) {
            throw new StoreUnavailableException("Redis circuit breaker is " + breaker.getState(), null);
        }
        long start = System.nanoTime();
        try {
            T value = command.apply(connection().async()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long took = System.nanoTime() - start;
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            latency.record(took, TimeUnit.NANOSECONDS);
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            throw new StoreUnavailableException("interrupted while waiting for Redis", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
            throw new StoreUnavailableException("Redis failed: " + cause, cause);
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = client.connect();
                    connection = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
