package io.eventpipeline.read.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L2 layer: one Redis hash per cache key (fields = the views cached under it, values = JSON), so one
 * {@code UNLINK} evicts every view of a key. The hash expires {@code ttl} after its first field was written
 * ({@code EXPIRE NX}); invalidations, not the TTL, keep it fresh.
 *
 * <p>Never fails a read: every error (Redis down, timeout) completes as "no value" and is counted. Commands
 * are rejected at once while disconnected instead of queueing. An eviction that could not reach Redis is kept
 * and retried; until every such eviction went through, L2 is neither read nor written, so an entry that went
 * stale during an outage is never served.
 */
public final class RedisL2 implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisL2.class);

    private final RedisClient client;
    private final String keyPrefix;
    private final long ttlSeconds;
    private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService upkeep;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisL2(String redisUrl, Duration timeout, String keyPrefix, Duration ttl, MeterRegistry registry) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected: queued commands would only turn into slow reads.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(4)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.keyPrefix = keyPrefix;
        this.ttlSeconds = ttl.toSeconds();
        this.registry = registry;
        Gauge.builder("read.cache.l2.available", this, l2 -> l2.isUsable() ? 1 : 0)
                .description("1 while the Redis L2 is connected and has no eviction pending").register(registry);
        Gauge.builder("read.cache.l2.pending.evictions", pendingEvictions, Set::size)
                .description("evictions that could not reach Redis yet; L2 is bypassed while > 0").register(registry);
        this.upkeep = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("read-l2-upkeep").daemon().unstarted(r));
        tryConnect();
        upkeep.scheduleWithFixedDelay(this::upkeep, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The cached JSON of {@code field} under {@code cacheKey}, or null when absent or Redis is unusable. */
    public CompletableFuture<String> get(String cacheKey, String field) {
        RedisAsyncCommands<String, String> redis = commands();
        if (redis == null) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.hget(redisKey(cacheKey), field).toCompletableFuture()
                .exceptionally(e -> failed("get", e));
    }

    /** Stores {@code json}; best effort (a failure is counted, the read that produced it is unaffected). */
    public void put(String cacheKey, String field, String json) {
        RedisAsyncCommands<String, String> redis = commands();
        if (redis == null) {
            return;
        }
        String key = redisKey(cacheKey);
        redis.hset(key, field, json).toCompletableFuture()
                .thenCompose(ignored -> redis.expire(key, ttlSeconds, ExpireArgs.Builder.nx()).toCompletableFuture())
                .exceptionally(e -> failed("put", e));
    }

    /** Stores several fields of several keys in one pipeline (cache warming); completes when Redis acknowledged. */
    public CompletableFuture<Void> putAll(Map<String, Map<String, String>> fieldsByKey) {
        RedisAsyncCommands<String, String> redis = commands();
        if (redis == null || fieldsByKey.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] acks = fieldsByKey.entrySet().stream()
                .map(e -> {
                    String key = redisKey(e.getKey());
                    return redis.hset(key, e.getValue()).toCompletableFuture()
                            .thenCompose(ignored -> redis.expire(key, ttlSeconds, ExpireArgs.Builder.nx()).toCompletableFuture());
                })
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks).exceptionally(e -> {
            failed("put", e);
            return null;
        });
    }

    /**
     * Evicts every view of these keys. A failure keeps the keys pending (retried in the background) and
     * bypasses L2 until they are gone.
     */
    public CompletableFuture<Void> evict(List<String> cacheKeys) {
        if (cacheKeys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            pendingEvictions.addAll(cacheKeys);
            return CompletableFuture.completedFuture(null);
        }
        String[] keys = cacheKeys.stream().map(this::redisKey).toArray(String[]::new);
        try {
            return c.async().unlink(keys).toCompletableFuture()
                    .<Void>thenApply(ignored -> null)
                    .exceptionally(e -> {
                        pendingEvictions.addAll(cacheKeys);
                        failed("evict", e);
                        return null;
                    });
        } catch (RuntimeException e) {
            pendingEvictions.addAll(cacheKeys);
            failed("evict", e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Connected and no eviction pending: only then may L2 be read or written. */
    public boolean isUsable() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen() && pendingEvictions.isEmpty();
    }

    String redisKey(String cacheKey) {
        return keyPrefix + cacheKey;
    }

    private RedisAsyncCommands<String, String> commands() {
        return isUsable() ? connection.async() : null;
    }

    private void upkeep() {
        try {
            if (connection == null) {
                tryConnect();
                return;
            }
            retryPendingEvictions();
        } catch (RuntimeException e) {
            log.debug("L2 upkeep failed: {}", e.toString());
        }
    }

    private void retryPendingEvictions() {
        StatefulRedisConnection<String, String> c = connection;
        if (pendingEvictions.isEmpty() || c == null || !c.isOpen()) {
            return;
        }
        List<String> batch = pendingEvictions.stream().limit(1000).toList();
        try {
            c.sync().unlink(batch.stream().map(this::redisKey).toArray(String[]::new));
            batch.forEach(pendingEvictions::remove);
            log.info("Redis L2: {} pending evictions applied, {} left", batch.size(), pendingEvictions.size());
        } catch (RuntimeException e) {
            log.debug("Redis L2: pending evictions still failing: {}", e.toString());
        }
    }

    private void tryConnect() {
        try {
            connection = client.connect();
            log.info("Redis L2 connected");
        } catch (RuntimeException e) {
            counter("connect").increment();
            log.warn("Redis L2 unavailable, reads go to Postgres until it is back: {}", e.getMessage());
        }
    }

    private <T> T failed(String operation, Throwable e) {
        counter(operation).increment();
        log.debug("Redis L2 {} failed: {}", operation, e.toString());
        return null;
    }

    private Counter counter(String operation) {
        return errors.computeIfAbsent(operation, op -> Counter.builder("read.cache.l2.errors")
                .description("Redis L2 operations that failed; the read was answered from L1 or Postgres")
                .tag("operation", op).register(registry));
    }

    @Override
    public void close() {
        upkeep.shutdownNow();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
