package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.event.EventOrigin;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.testsupport.Await;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace context through the real client and broker (docs/decisions.md D5): the shard topic, the
 * exactly-once producer and both output topics keep the events.raw record's {@code traceparent}.
 */
class TraceContextIT {

    private static final String PREFIX = "trace-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static String bootstrap;
    private static ProcessorClient client;
    private static TopicReader<EventEnvelope> log;
    private static TopicReader<RejectedEvent> rejected;

    @BeforeAll
    static void start() throws Exception {
        bootstrap = TestServers.shared().kafkaBootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, PREFIX, 2, (short) 1, SizeBudget.DEFAULT);
        ProcessorConfig config = ProcessorConfig.defaults(bootstrap, PREFIX, Files.createTempDirectory(Path.of("target"), "trace-it"));
        client = ProcessorInstance.create(config, new ProcessorMetrics(new SimpleMeterRegistry()));
        client.start();
        Await.until(WAIT, "the processor runs", () -> client.streams().state() == KafkaStreams.State.RUNNING);
        log = TopicReader.committed(bootstrap, Topics.EVENTS_LOG.prefixed(PREFIX));
        rejected = TopicReader.committed(bootstrap, Topics.EVENTS_REJECTED.prefixed(PREFIX));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close(Duration.ofSeconds(20));
        }
        log.close();
        rejected.close();
    }

    @Test
    void shouldKeepTheTraceparentOnEventsLogAndEventsRejected() throws Exception {
        EventEnvelope accepted = TestEvents.envelope(UUID.randomUUID(), "o-1");
        EventEnvelope conflict = TestEvents.envelope(UUID.randomUUID(), "o-1", 9L);
        String acceptedTrace = TraceHeaders.newTraceparent();
        String conflictTrace = TraceHeaders.newTraceparent();

        send(accepted.key(), TestEvents.bytes(accepted), acceptedTrace);
        send(conflict.key(), TestEvents.bytes(conflict), conflictTrace);

        log.await(WAIT, 1);
        rejected.await(WAIT, 1);
        ConsumerRecord<String, EventEnvelope> written = log.records().getFirst();
        ConsumerRecord<String, RejectedEvent> refused = rejected.records().getFirst();
        assertThat(written.value().eventId()).isEqualTo(accepted.eventId());
        assertThat(TraceHeaders.value(written.headers(), TraceHeaders.TRACEPARENT)).isEqualTo(acceptedTrace);
        assertThat(written.headers().lastHeader(EventOrigin.HEADER)).isNull();
        assertThat(refused.value().reason()).isEqualTo(RejectionReason.VERSION_CONFLICT);
        assertThat(TraceHeaders.value(refused.headers(), TraceHeaders.TRACEPARENT)).isEqualTo(conflictTrace);
    }

    private static void send(String key, byte[] value, String traceparent) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            String raw = Topics.EVENTS_RAW.prefixed(PREFIX).name();
            producer.send(new ProducerRecord<>(raw, null, key, value, TraceHeaders.of(traceparent))).get(30, TimeUnit.SECONDS);
        }
    }
}
