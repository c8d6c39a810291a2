package io.eventpipeline.processor.topology;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.dedup.Dedup;
import io.eventpipeline.processor.event.Rejections;
import io.eventpipeline.processor.event.RoutingProductionExceptionHandler;
import io.eventpipeline.processor.event.SinkLimits;
import io.eventpipeline.processor.event.ValidatedEvent;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.processor.versioning.LogSink;
import io.eventpipeline.processor.versioning.Versioning;
import io.eventpipeline.schemas.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The stream-processor's topology, a pure builder (no I/O, no environment): Main, tests and benchmarks
 * call the same {@link #build}.
 *
 * <pre>
 * events.raw -> validate -> dedup (Bloom filter + dedup-store) -> version (version-store) -> events.log
 *                   '--------------------------------------------------'---------------> events.rejected
 * </pre>
 */
public final class EventPipelineTopology {

    public static final String SOURCE = "events-raw-source";
    public static final String VALIDATE = "validate";
    public static final String DEDUP = "dedup";
    public static final String VERSION = "version";
    public static final String LOG_SINK = "events-log-sink";
    public static final String REJECTED_SINK = "events-rejected-sink";

    private EventPipelineTopology() {
    }

    public static Topology build(ProcessorConfig config, ProcessorMetrics metrics) {
        return build(config, metrics, new SinkLimits());
    }

    /**
     * The topology; {@code limits} is what the output topics are known to accept, taught by the production
     * exception handler of the same client ({@link RoutingProductionExceptionHandler}).
     */
    public static Topology build(ProcessorConfig config, ProcessorMetrics metrics, SinkLimits limits) {
        String prefix = config.topicPrefix();
        var raw = Topics.EVENTS_RAW.prefixed(prefix);
        var log = Topics.EVENTS_LOG.prefixed(prefix);
        var rejected = Topics.EVENTS_REJECTED.prefixed(prefix);
        Rejections rejections = new Rejections(config.budget(), rejected.name(), limits, metrics, Clock.systemUTC());
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), raw.name());
        topology.addProcessor(VALIDATE, () -> new ValidateProcessor(config.budget(), rejections, metrics, DEDUP),
                SOURCE);
        topology.addProcessor(DEDUP, Dedup.supplier(config.dedupRetention(), config.bloom(), metrics,
                ValidatedEvent::eventId), VALIDATE);
        topology.addProcessor(VERSION, Versioning.supplier(new LogSink(LOG_SINK, log.name(), limits),
                REJECTED_SINK, metrics, rejections), DEDUP);
        // both write their values as bytes: the version step the envelope (EnvelopeBytes), every step its
        // rejections (RejectionRecord, sized to fit); log.valueSerde() and rejected.valueSerde() read them
        topology.addSink(LOG_SINK, log.name(), log.keySerde().serializer(), Serdes.ByteArray().serializer(), VERSION);
        topology.addSink(REJECTED_SINK, rejected.name(), rejected.keySerde().serializer(),
                Serdes.ByteArray().serializer(), VALIDATE, VERSION);
        return topology;
    }
}
