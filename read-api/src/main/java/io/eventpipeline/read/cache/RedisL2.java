package io.eventpipeline.read.cache;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The L2 layer: one Redis hash per cache key (fields = the views cached under it, values = JSON), so one
 * {@code UNLINK} evicts every view of a key. The hash expires {@code ttl} after its first field was written
 * ({@code EXPIRE NX}); invalidations, not the TTL, keep it fresh.
 *
 * <p>Never fails a read: every error (Redis down, timeout) completes as "no value" and is counted
 * ({@link L2Metrics}). An eviction that could not reach Redis is kept and retried ({@link PendingEvictions});
 * until every such eviction went through, L2 is neither read nor written, so an entry that went stale during
 * an outage is never served.
 */
public final class RedisL2 implements AutoCloseable {

    private final String keyPrefix;
    private final long ttlSeconds;
    private final PendingEvictions pending = new PendingEvictions();
    private final L2Metrics metrics;
    private final L2Connection connection;

    public RedisL2(String redisUrl, Duration timeout, String keyPrefix, Duration ttl, MeterRegistry registry) {
        this.keyPrefix = keyPrefix;
        this.ttlSeconds = ttl.toSeconds();
        this.metrics = new L2Metrics(registry, this::isUsable, pending::size);
        this.connection = new L2Connection(redisUrl, timeout, c -> pending.retry(c, this::redisKey), metrics);
    }

    /** The cached JSON of {@code field} under {@code cacheKey}, or null when absent or Redis is unusable. */
    public CompletableFuture<String> get(String cacheKey, String field) {
        RedisAsyncCommands<String, String> redis = commands();
        if (redis == null) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.hget(redisKey(cacheKey), field).toCompletableFuture().exceptionally(e -> metrics.failed("get", e));
    }

    /** Stores {@code json}; best effort (a failure is counted, the read that produced it is unaffected). */
    public void put(String cacheKey, String field, String json) {
        RedisAsyncCommands<String, String> redis = commands();
        if (redis != null) {
            write(redis, redisKey(cacheKey), Map.of(field, json)).exceptionally(e -> metrics.failed("put", e));
        }
    }

    /** Stores several fields of several keys in one pipeline (cache warming); completes when Redis acknowledged. */
    public CompletableFuture<Void> putAll(Map<String, Map<String, String>> fieldsByKey) {
        RedisAsyncCommands<String, String> redis = commands();
        if (redis == null || fieldsByKey.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] acks = fieldsByKey.entrySet().stream()
                .map(e -> write(redis, redisKey(e.getKey()), e.getValue()))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks).exceptionally(e -> metrics.failed("put", e));
    }

    private CompletableFuture<Boolean> write(RedisAsyncCommands<String, String> redis, String key, Map<String, String> fields) {
        return redis.hset(key, fields).toCompletableFuture()
                .thenCompose(ignored -> redis.expire(key, ttlSeconds, ExpireArgs.Builder.nx()).toCompletableFuture());
    }

    /**
     * Evicts every view of these keys. A failure keeps the keys pending (retried in the background) and
     * bypasses L2 until they are gone.
     */
    public CompletableFuture<Void> evict(List<String> cacheKeys) {
        if (cacheKeys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        StatefulRedisConnection<String, String> c = connection.open();
        if (c == null) {
            pending.add(cacheKeys);
            return CompletableFuture.completedFuture(null);
        }
        try {
            return c.async().unlink(cacheKeys.stream().map(this::redisKey).toArray(String[]::new)).toCompletableFuture()
                    .<Void>thenApply(ignored -> null)
                    .exceptionally(e -> evictionFailed(cacheKeys, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(evictionFailed(cacheKeys, e));
        }
    }

    private Void evictionFailed(List<String> cacheKeys, Throwable e) {
        pending.add(cacheKeys);
        return metrics.failed("evict", e);
    }

    /** Connected and no eviction pending: only then may L2 be read or written. */
    public boolean isUsable() {
        L2Connection c = connection;
        return c != null && c.open() != null && pending.isEmpty();
    }

    String redisKey(String cacheKey) {
        return keyPrefix + cacheKey;
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection.open();
        return c != null && pending.isEmpty() ? c.async() : null;
    }

    @Override
    public void close() {
        connection.close();
    }
}
