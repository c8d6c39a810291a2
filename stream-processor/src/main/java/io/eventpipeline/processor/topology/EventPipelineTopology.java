package io.eventpipeline.processor.topology;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.dedup.Dedup;
import io.eventpipeline.processor.dedup.DedupKey;
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
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The stream-processor's topology, a pure builder (no I/O, no environment): Main, tests and benchmarks
 * call the same {@link #build}.
 *
 * <pre>
 * events.raw -> gate -> [shard topic: PROCESSOR_SHARDS partitions, keyed by aggregate]
 *   -> validate -> dedup (reads dedup-store) -> version (version-store; writes accepted ids to dedup-store) -> events.log
 *          '----------------------------------'---------------------> events.rejected
 * </pre>
 * The shard topic ({@code <application.id>-shards-repartition}, managed and purged by Kafka Streams) decouples
 * the state from the partition count of {@code events.raw} (docs/decisions.md D4): {@code events.raw} can grow,
 * an aggregate's events always meet its version and dedup state in the same shard.
 */
public final class EventPipelineTopology {

    public static final String SOURCE = "events-raw-source";
    public static final String GATE = "gate";
    /** Name of the shard topic: {@code <application.id>-shards-repartition}. */
    public static final String SHARDS = "shards";
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
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(raw.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new ShardGate(config.budget(), rejections, metrics), Named.as(GATE))
                .repartition(Repartitioned.<String, byte[]>as(SHARDS).withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()).withNumberOfPartitions(config.shards()))
                .process(() -> new ValidateProcessor(rejections, metrics, DEDUP), Named.as(VALIDATE));
        Topology topology = builder.build();
        topology.addProcessor(DEDUP, Dedup.supplier(config.dedupRetention(), config.bloom(), metrics,
                EventPipelineTopology::dedupKey), VALIDATE);
        topology.addProcessor(VERSION, Versioning.supplier(new LogSink(LOG_SINK, log.name(), limits),
                REJECTED_SINK, metrics, rejections, EventPipelineTopology::rememberAccepted), DEDUP);
        // the version step writes accepted ids into the dedup store: a rejected event keeps its id (redrive)
        topology.connectProcessorAndStateStores(VERSION, Dedup.STORE);
        // both write their values as bytes: the version step the envelope (EnvelopeBytes), every step its
        // rejections (RejectionRecord, sized to fit); log.valueSerde() and rejected.valueSerde() read them
        topology.addSink(LOG_SINK, log.name(), log.keySerde().serializer(), Serdes.ByteArray().serializer(), VERSION);
        topology.addSink(REJECTED_SINK, rejected.name(), rejected.keySerde().serializer(),
                Serdes.ByteArray().serializer(), VALIDATE, VERSION);
        return topology;
    }

    /** The shard topic's name for an application id (prefixed, as Kafka sees it). */
    public static String shardTopic(String applicationId) {
        return applicationId + "-" + SHARDS + "-repartition";
    }

    private static void rememberAccepted(ProcessorContext<?, ?> context, Record<String, ValidatedEvent> record) {
        Dedup.remember(context, dedupKey(record.value()), record.value().origin(), record.timestamp());
    }

    private static DedupKey dedupKey(ValidatedEvent event) {
        return new DedupKey(event.producerId(), event.eventId());
    }
}
