package io.eventpipeline.read.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evictions that could not reach Redis. They are retried in the background, 1000 keys at a time; while any
 * is left, {@link RedisL2} neither reads nor writes L2, so an entry that went stale during an outage (Redis with
 * persistence keeps it) is never served.
 */
final class PendingEvictions {

    private static final Logger log = LoggerFactory.getLogger(PendingEvictions.class);
    private static final int BATCH = 1000;

    private final Set<String> cacheKeys = ConcurrentHashMap.newKeySet();

    void add(Collection<String> keys) {
        cacheKeys.addAll(keys);
    }

    boolean isEmpty() {
        return cacheKeys.isEmpty();
    }

    int size() {
        return cacheKeys.size();
    }

    /** Unlinks a batch of pending keys; what fails stays pending for the next round. */
    void retry(StatefulRedisConnection<String, String> connection, Function<String, String> redisKey) {
        if (cacheKeys.isEmpty() || connection == null || !connection.isOpen()) {
            return;
        }
        List<String> batch = cacheKeys.stream().limit(BATCH).toList();
        try {
            connection.sync().unlink(batch.stream().map(redisKey).toArray(String[]::new));
            batch.forEach(cacheKeys::remove);
            log.info("Redis L2: {} pending evictions applied, {} left", batch.size(), cacheKeys.size());
        } catch (RuntimeException e) {
            log.debug("Redis L2: pending evictions still failing: {}", e.toString());
        }
    }
}
