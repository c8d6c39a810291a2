package io.eventpipeline.read.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lettuce connection of the L2 layer. It fails fast while disconnected (commands are rejected at once
 * instead of queueing into slow reads) and reconnects by itself; if Redis was unreachable at start, a
 * background task keeps trying every 500 ms. The same task hands the open connection to {@code upkeep}.
 */
final class L2Connection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(L2Connection.class);

    private final RedisClient client;
    private final ScheduledExecutorService upkeepThread;
    private final Consumer<StatefulRedisConnection<String, String>> upkeep;
    private final L2Metrics metrics;
    private volatile StatefulRedisConnection<String, String> connection;

    L2Connection(String redisUrl, Duration timeout, Consumer<StatefulRedisConnection<String, String>> upkeep, L2Metrics metrics) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(4)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.upkeep = upkeep;
        this.metrics = metrics;
        this.upkeepThread = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("read-l2-upkeep").daemon().unstarted(r));
        tryConnect();
        upkeepThread.scheduleWithFixedDelay(this::upkeep, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The connection while it is open, else null. */
    StatefulRedisConnection<String, String> open() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen() ? c : null;
    }

    private void upkeep() {
        try {
            if (connection == null) {
                tryConnect();
            } else {
                upkeep.accept(open());
            }
        } catch (RuntimeException e) {
            log.debug("L2 upkeep failed: {}", e.toString());
        }
    }

    private void tryConnect() {
        try {
            connection = client.connect();
            log.info("Redis L2 connected");
        } catch (RuntimeException e) {
            metrics.error("connect");
            log.warn("Redis L2 unavailable, reads go to Postgres until it is back: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        upkeepThread.shutdownNow();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
