package io.eventpipeline.ingest.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per producer shared by every ingest instance, in Redis (Bucket4j's lettuce proxy:
 * compare-and-swap on one key per producer, expiring once the bucket would be full again), charged one
 * token per event: a 500-event batch costs 500. While Redis is unreachable (its circuit breaker
 * {@code redis-rate-limit} is open, or the call fails) each instance falls back to a local bucket of the same size, so
 * the limit then holds per instance; {@code ingest.rate_limit.fallback} counts those decisions.
 */
public final class SharedRateLimiter implements AutoCloseable {

    private final BucketConfiguration configuration;
    private final String keyPrefix;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final RedisClient client;
    private final Cache<String, Bucket> local = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Counter fallback;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile AsyncProxyManager<byte[]> buckets;

    public SharedRateLimiter(RateLimit limit, String redisUrl, String keyPrefix, CircuitBreaker breaker, Duration timeout,
            MeterRegistry meters) {
        this.configuration = BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(limit.burst())
                .refillGreedy(limit.eventsPerSecond(), Duration.ofSeconds(1)).build()).build();
        this.keyPrefix = keyPrefix + "ratelimit:";
        this.breaker = breaker;
        this.timeout = timeout;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        // fail fast while disconnected, as the idempotency store: a queued command would only time out
        this.client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build()).build());
        this.fallback = Counter.builder("ingest.rate_limit.fallback")
                .description("Rate-limit decisions taken by a local bucket because Redis was unavailable").register(meters);
    }

    /** The limit: {@code eventsPerSecond} refill, {@code burst} capacity (at least one full batch). */
    public record RateLimit(long eventsPerSecond, long burst) {
    }

    /** @return empty when {@code events} may pass, else how many whole seconds to wait (for Retry-After) */
    public OptionalLong tryAcquire(String producerId, int events) {
        ConsumptionProbe probe = shared(producerId, events);
        if (probe == null) {
            fallback.increment();
            probe = local.get(producerId, p -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
                    .tryConsumeAndReturnRemaining(events);
        }
        return probe.isConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
    }

    /** The shared bucket's answer, or null when Redis could not give one in time. */
    private ConsumptionProbe shared(String producerId, int events) {
        if (!breaker.tryAcquirePermission()) {
            return null;
        }
        long start = System.nanoTime();
        try {
            byte[] key = (keyPrefix + producerId).getBytes(StandardCharsets.UTF_8);
            ConsumptionProbe probe = buckets().builder().build(key, () -> CompletableFuture.completedFuture(configuration))
                    .tryConsumeAndReturnRemaining(events).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return probe;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            return null;
        } catch (Exception e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return null;
        }
    }

    private AsyncProxyManager<byte[]> buckets() {
        AsyncProxyManager<byte[]> current = buckets;
        if (current == null) {
            synchronized (this) {
                if (buckets == null) {
                    connection = client.connect(ByteArrayCodec.INSTANCE);
                    buckets = LettuceBasedProxyManager.builderFor(connection)
                            .withExpirationStrategy(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build().asAsync();
                }
                current = buckets;
            }
        }
        return current;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
