package io.eventpipeline.access;

import io.eventpipeline.schemas.config.RedisUrl;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyChanges} over Redis pub/sub (channel {@code <prefix>api-keys.changed}, message: the key's
 * hash). Chosen over PostgreSQL LISTEN/NOTIFY because a LISTEN needs a session of its own, which
 * PgBouncer in transaction mode does not give, and both services already depend on Redis. Pub/sub
 * delivers at most once: lettuce reconnects and subscribes again by itself, and each (re)subscription
 * tells the listener it may have missed announcements, so it drops every cached key.
 */
public final class RedisKeyChanges implements KeyChanges {

    private static final Logger log = LoggerFactory.getLogger(RedisKeyChanges.class);

    private final RedisClient client;
    private final String channel;
    private final Duration timeout;
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final AtomicBoolean live = new AtomicBoolean();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("api-key-changes").daemon().factory());
    private StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;

    public RedisKeyChanges(RedisUrl url, String channelPrefix, Duration timeout) {
        RedisURI uri = RedisURI.create(url.value());
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.channel = channelPrefix + "api-keys.changed";
        this.timeout = timeout;
    }

    @Override
    public synchronized void announce(String keyHash) {
        try {
            if (publisher == null) {
                publisher = client.connect();
            }
            long receivers = publisher.async().publish(channel, keyHash).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("announced an API key change to {} subscribed instance(s)", receivers);
        } catch (Exception e) {
            log.error("could not announce an API key change on Redis ({}); running instances notice it within "
                    + "API_KEY_CACHE_TTL", e.getMessage());
        }
    }

    /** Subscribes now, or keeps trying every few seconds while Redis is unreachable (never throws). */
    @Override
    public void listen(Listener listener) {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber && live.compareAndSet(true, false)) {
                    log.warn("API key change subscription lost; cached keys are re-read after API_KEY_FALLBACK_TTL");
                }
            }
        });
        retries.execute(() -> subscribe(listener));
    }

    private void subscribe(Listener listener) {
        try {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String keyHash) {
                    listener.changed(keyHash);
                }

                @Override
                public void subscribed(String to, long count) {
                    // also after lettuce's own reconnect: whatever was announced meanwhile is lost
                    listener.missedSome();
                    live.set(true);
                }
            });
            subscriber = connection;
            connection.sync().subscribe(channel);
        } catch (RuntimeException e) {
            log.warn("cannot subscribe to API key changes yet ({}); retrying in {}", e.getMessage(), RETRY);
            if (!retries.isShutdown()) {
                retries.schedule(() -> subscribe(listener), RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public boolean live() {
        return live.get();
    }

    @Override
    public synchronized void close() {
        live.set(false);
        retries.shutdownNow();
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
