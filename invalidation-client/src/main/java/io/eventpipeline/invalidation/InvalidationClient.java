package io.eventpipeline.invalidation;

import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code cache.invalidations} in a consumer group of the downstream service's choosing and
 * hands every message to an {@link InvalidationHandler}, on one background thread.
 *
 * <p><b>At least once.</b> The group's position is committed only after every message of a poll was
 * handled; a crash re-delivers what was handled since the last commit. A handler that throws is retried
 * with growing pauses (up to 30 s), and nothing after it is handled or committed meanwhile: no eviction
 * is ever skipped. <b>Order.</b> Messages of one cache key arrive in commit order (the key picks the
 * partition); there is no order across keys. <b>Start.</b> A group resumes after its committed
 * position; a new group starts at {@link StartPosition}.
 */
public final class InvalidationClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvalidationClient.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final InvalidationHandler handler;
    private final Duration retryBackoff;
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    private InvalidationClient(KafkaConsumer<String, byte[]> consumer, String topic, InvalidationHandler handler,
            Duration retryBackoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.retryBackoff = retryBackoff;
    }

    /**
     * Subscribes and starts the background thread.
     *
     * @param kafka   the pipeline's cluster and topic prefix (and credentials), as every service reads them
     * @param groupId this service's consumer group: one per service (all its instances share the work);
     *                use one group per instance instead when every instance keeps a local cache
     */
    public static InvalidationClient start(KafkaSettings kafka, String groupId, StartPosition start,
            InvalidationHandler handler) {
        return start(kafka, groupId, start, handler, Duration.ofMillis(200));
    }

    static InvalidationClient start(KafkaSettings kafka, String groupId, StartPosition start, InvalidationHandler handler,
            Duration retryBackoff) {
        Map<String, Object> config = kafka.clientProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start.name().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String topic = kafka.topicName(Topics.CACHE_INVALIDATIONS.name());
        var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        InvalidationClient client = new InvalidationClient(consumer, topic, handler, retryBackoff);
        consumer.subscribe(List.of(topic));
        client.thread = Thread.ofPlatform().name("invalidations-" + groupId).daemon().start(client::pollLoop);
        return client;
    }

    /** Messages handled so far (re-deliveries counted again). */
    public long handled() {
        return handled.get();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops after the message in hand; what was handled but not committed is re-delivered to the next owner. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollLoop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    handleUntilDone(InvalidationReader.read(record));
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException | Stopped e) {
            log.debug("invalidation client for {} stopping", topic);
        } catch (RuntimeException e) {
            log.error("invalidation client for {} stopped: {}", topic, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handleUntilDone(Invalidation invalidation) {
        Duration pause = retryBackoff;
        while (true) {
            try {
                handler.handle(invalidation);
                handled.incrementAndGet();
                return;
            } catch (Exception e) {
                log.warn("evicting {} ({} partition {} offset {}) failed, retrying in {}: {}", invalidation.keys(), topic,
                        invalidation.partition(), invalidation.offset(), pause, e.toString());
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
        }
    }

    private void sleep(Duration pause) {
        if (!running) {
            throw new Stopped();
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (!running) {
            throw new Stopped();
        }
    }

    /** Closing while a handler keeps failing: leave without committing. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
