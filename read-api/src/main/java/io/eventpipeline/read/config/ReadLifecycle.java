package io.eventpipeline.read.config;

import io.eventpipeline.read.invalidate.InvalidationListener;
import io.eventpipeline.read.query.ReadService;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.config.KafkaSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the read side in the one safe order: topics exist, the invalidation listener has taken its position,
 * then the cache is warmed, so an invalidation of a warmed row is never missed. Stops the listener first.
 */
final class ReadLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadLifecycle.class);

    private final ReadSettings settings;
    private final InvalidationListener listener;
    private final ReadService reads;
    private volatile boolean running;

    ReadLifecycle(ReadSettings settings, InvalidationListener listener, ReadService reads) {
        this.settings = settings;
        this.listener = listener;
        this.reads = reads;
    }

    @Override
    public void start() {
        KafkaSettings kafka = settings.kafka();
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), kafka.topicPrefix(), kafka.topicPartitions(),
                kafka.replicationFactor());
        listener.start(Duration.ofSeconds(30));
        running = true;
        warm();
    }

    private void warm() {
        long started = System.nanoTime();
        try {
            int warmed = reads.warm(settings.cache().warmAggregates());
            log.info("cache warmed with {} aggregates in {} ms", warmed, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // A cold cache is slower, not wrong: serve anyway.
            log.warn("cache warming failed, starting cold: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        listener.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
