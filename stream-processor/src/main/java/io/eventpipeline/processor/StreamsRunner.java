package io.eventpipeline.processor;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.health.StreamsHealth;
import io.eventpipeline.processor.health.Verdict;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the processor's {@link ProcessorClient}: provisions the topics, starts the topology when the context
 * starts and closes it (leaving the group, committing the open transaction) when the context stops, e.g. on
 * SIGTERM. Its readiness and liveness are {@link StreamsHealth}'s.
 */
final class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final ProcessorMetrics metrics;
    private final Properties overrides;
    private volatile ProcessorClient client;

    StreamsRunner(ProcessorConfig config, ProcessorMetrics metrics, Properties overrides) {
        this.config = config;
        this.metrics = metrics;
        this.overrides = overrides;
    }

    @Override
    public synchronized void start() {
        TopicProvisioner.ensureTopics(config.kafka(), config.budget());
        ProcessorClient started = new ProcessorClient(config, metrics, overrides);
        Optional<String> unsupported = unsupportedChange();
        client = started;
        if (unsupported.isPresent()) {
            started.health().refuse(unsupported.get());
            log.error(unsupported.get());
            return;
        }
        started.start();
        log.info("stream processor {} started: {} thread(s), {} standby replica(s), dedup retention {}, Bloom {}",
                config.effectiveApplicationId(), config.streamThreads(), config.standbyReplicas(),
                config.dedupRetention(), config.bloom().enabled() ? "on" : "off");
    }

    private Optional<String> unsupportedChange() {
        try (Admin admin = Admin.create(config.kafka().clientProperties())) {
            return ShardLayout.problem(admin, config.effectiveApplicationId(), config.shards());
        } catch (Exception e) {
            throw new IllegalStateException("cannot check the internal topics of " + config.effectiveApplicationId()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        ProcessorClient running = client;
        if (running == null) {
            return;
        }
        boolean closed = running.close(CLOSE_TIMEOUT);
        client = null;
        log.info("stream processor {} {}", config.effectiveApplicationId(),
                closed ? "closed" : "did not close within " + CLOSE_TIMEOUT);
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    Verdict readiness() {
        ProcessorClient running = client;
        return running == null ? new Verdict(false, Map.of("state", "STOPPED")) : running.health().readiness();
    }

    Verdict liveness() {
        ProcessorClient running = client;
        return running == null ? new Verdict(true, Map.of("state", "STOPPED")) : running.health().liveness();
    }

    ProcessorClient client() {
        return client;
    }

    /** The running Kafka Streams client, or null before the start and after the stop. */
    KafkaStreams streams() {
        ProcessorClient running = client;
        return running == null ? null : running.streams();
    }
}
