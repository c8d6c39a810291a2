package io.eventpipeline.processor;

import io.eventpipeline.processor.config.BoundedThreadReplacement;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.config.StreamsSettings;
import io.eventpipeline.processor.topology.EventPipelineTopology;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.TopicProvisioner;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the {@link KafkaStreams} client: provisions the topics, starts the topology when the context
 * starts and closes it (leaving the group, committing the open transaction) when the context stops,
 * e.g. on SIGTERM. Health is UP while the client runs or rebalances, DOWN once it is in ERROR.
 */
final class StreamsRunner implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final ProcessorMetrics metrics;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    StreamsRunner(ProcessorConfig config, ProcessorMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        TopicProvisioner.ensureTopics(config.bootstrapServers(), config.topicPrefix(), config.topicPartitions(),
                config.replicationFactor(), config.budget());
        KafkaStreams client = new KafkaStreams(EventPipelineTopology.build(config, metrics),
                StreamsSettings.of(config));
        client.setUncaughtExceptionHandler(new BoundedThreadReplacement(config.maxThreadReplacements(),
                config.threadReplacementWindow(), Clock.systemUTC()));
        client.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                log.error("stream processor {} is in state ERROR: it processes nothing until restarted",
                        config.effectiveApplicationId());
            } else {
                log.info("stream processor {}: {} -> {}", config.effectiveApplicationId(), before, now);
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(client);
        streamsMetrics.bindTo(metrics.registry());
        client.start();
        streams = client;
        log.info("stream processor {} started: {} thread(s), {} standby replica(s), dedup retention {}, Bloom {}",
                config.effectiveApplicationId(), config.streamThreads(), config.standbyReplicas(),
                config.dedupRetention(), config.bloom().enabled() ? "on" : "off");
    }

    @Override
    public synchronized void stop() {
        KafkaStreams client = streams;
        if (client == null) {
            return;
        }
        streams = null;
        boolean closed = client.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        log.info("stream processor {} {}", config.effectiveApplicationId(),
                closed ? "closed" : "did not close within " + CLOSE_TIMEOUT);
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    @Override
    public Health health() {
        KafkaStreams client = streams;
        if (client == null) {
            return Health.outOfService().withDetail("state", "STOPPED").build();
        }
        KafkaStreams.State state = client.state();
        Health.Builder health = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                ? Health.up() : Health.down();
        return health.withDetail("state", state.name())
                .withDetail("applicationId", config.effectiveApplicationId())
                .build();
    }

    KafkaStreams.State state() {
        KafkaStreams client = streams;
        return client == null ? KafkaStreams.State.NOT_RUNNING : client.state();
    }
}
