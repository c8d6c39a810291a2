package io.eventpipeline.processor.topology;

import io.eventpipeline.processor.TestEvents;
import io.eventpipeline.processor.config.BloomSettings;
import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.config.StreamsSettings;
import io.eventpipeline.processor.event.SinkLimits;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The real topology in a {@link TopologyTestDriver}, with typed input and output topics. */
final class TopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
    final SinkLimits limits = new SinkLimits();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> raw;
    final TestOutputTopic<String, EventEnvelope> log;
    final TestOutputTopic<String, RejectedEvent> rejected;

    TopologyFixture(Duration retention, boolean bloom) {
        try {
            Path stateDir = Files.createTempDirectory("processor-ttd-");
            ProcessorConfig config = ProcessorConfig.defaults("ttd:9092", "", stateDir)
                    .withRetention(retention)
                    .withBloom(BloomSettings.DEFAULTS.withEnabled(bloom));
            driver = new TopologyTestDriver(EventPipelineTopology.build(config, metrics, limits), StreamsSettings.of(config),
                    T0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        raw = driver.createInputTopic(Topics.EVENTS_RAW.name(), new StringSerializer(), new ByteArraySerializer());
        log = driver.createOutputTopic(Topics.EVENTS_LOG.name(), new StringDeserializer(),
                Topics.EVENTS_LOG.valueSerde().deserializer());
        rejected = driver.createOutputTopic(Topics.EVENTS_REJECTED.name(), new StringDeserializer(),
                Topics.EVENTS_REJECTED.valueSerde().deserializer());
    }

    void send(EventEnvelope envelope, Instant at) {
        raw.pipeInput(envelope.key(), TestEvents.bytes(envelope), at);
    }

    void send(UUID id, String aggregateId, Instant at) {
        send(TestEvents.envelope(id, aggregateId), at);
    }

    @Override
    public void close() {
        driver.close();
    }
}
