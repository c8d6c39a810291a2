package io.eventpipeline.processor;

import io.eventpipeline.processor.config.BoundedThreadReplacement;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.config.StreamsSettings;
import io.eventpipeline.processor.event.RoutingProductionExceptionHandler;
import io.eventpipeline.processor.event.SinkLimits;
import io.eventpipeline.processor.health.ProgressWatch;
import io.eventpipeline.processor.health.StreamsHealth;
import io.eventpipeline.processor.metrics.HealthGauges;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.processor.topology.EventPipelineTopology;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams client of the processor with everything that keeps it honest: the routing production
 * exception handler and the {@link SinkLimits} it teaches the topology, bounded thread replacement, the
 * state listener, health ({@link StreamsHealth}, {@link ProgressWatch}) and metrics. The service
 * ({@link StreamsRunner}) and the tests build clients the same way.
 */
public final class ProcessorClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorClient.class);

    private final ProcessorConfig config;
    private final StreamsHealth health;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HealthGauges gauges;
    private ProgressWatch watch;

    public ProcessorClient(ProcessorConfig config, ProcessorMetrics metrics, Properties overrides) {
        this.config = config;
        this.health = new StreamsHealth(config.health(), Clock.systemUTC());
        SinkLimits limits = new SinkLimits();
        Properties props = StreamsSettings.of(config);
        props.putAll(overrides);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RoutingProductionExceptionHandler.class);
        props.put(SinkLimits.CONFIG_KEY, limits);
        props.put(RoutingProductionExceptionHandler.METRICS_KEY, metrics);
        streams = new KafkaStreams(EventPipelineTopology.build(config, metrics, limits), props);
        BoundedThreadReplacement replacement = new BoundedThreadReplacement(config.maxThreadReplacements(),
                config.threadReplacementWindow(), Clock.systemUTC());
        streams.setUncaughtExceptionHandler(failure -> {
            health.threadFailed();
            metrics.threadFailed();
            return replacement.handle(failure);
        });
        streams.setStateListener((now, before) -> stateChanged(now, before));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        gauges = new HealthGauges(metrics.registry(), health);
    }

    public ProcessorClient(ProcessorConfig config, ProcessorMetrics metrics) {
        this(config, metrics, new Properties());
    }

    private void stateChanged(KafkaStreams.State now, KafkaStreams.State before) {
        health.stateChanged(now);
        if (now == KafkaStreams.State.ERROR) {
            log.error("stream processor {} is in state ERROR: it processes nothing until restarted",
                    config.effectiveApplicationId());
        } else {
            log.info("stream processor {}: {} -> {}", config.effectiveApplicationId(), before, now);
        }
    }

    /** Starts processing and the progress watch. */
    public void start() {
        streams.start();
        watch = new ProgressWatch(streams, Admin.create(config.kafka().clientProperties()), config.effectiveApplicationId(), health,
                config.health(), Clock.systemUTC());
    }

    public KafkaStreams streams() {
        return streams;
    }

    public StreamsHealth health() {
        return health;
    }

    /** Closes the client, leaving the group so its partitions move at once; true when it closed in time. */
    public boolean close(Duration timeout) {
        health.stopping();
        if (watch != null) {
            watch.close();
        }
        boolean closed = streams.close(new KafkaStreams.CloseOptions().timeout(timeout).leaveGroup(true));
        streamsMetrics.close();
        gauges.close();
        return closed;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
