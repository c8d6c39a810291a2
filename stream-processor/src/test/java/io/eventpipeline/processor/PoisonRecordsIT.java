package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.health.HealthSettings;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The records that stopped the whole pipeline in issue 10, against a real broker and the real client: the
 * ~1 MiB event with a wrong expectedVersion and NUL in aggregateId, a payload key and metadata are refused onto
 * events.rejected and the next normal event flows; then a topic refuses a record (its max.message.bytes
 * lowered while the processor runs) and the record is routed to events.rejected as too_large by the production
 * exception handler's retry, the next event still flows, and health tells the thread replacement honestly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordsIT {

    private static final String PREFIX = "poison-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static String bootstrap;
    private static ProcessorClient client;
    private static SimpleMeterRegistry registry;
    private static TopicReader<EventEnvelope> log;
    private static TopicReader<RejectedEvent> rejected;

    @BeforeAll
    static void start() throws Exception {
        bootstrap = TestServers.shared().kafkaBootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, PREFIX, 2, (short) 1, SizeBudget.DEFAULT);
        ProcessorConfig config = ProcessorConfig.defaults(bootstrap, PREFIX,
                Files.createTempDirectory(Path.of("target"), "poison-it")).withHealth(
                new HealthSettings(Duration.ofSeconds(30), Duration.ofSeconds(4), Duration.ofSeconds(1)));
        registry = new SimpleMeterRegistry();
        client = ProcessorInstance.create(config, new ProcessorMetrics(registry));
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
    @Order(1)
    void shouldRefuseTheHostileRecordsOfIssue10AndKeepProcessing() {
        EventEnvelope huge = TestEvents.sized(UUID.randomUUID(), "o-1", 7L, 1_048_300);
        EventEnvelope plain = TestEvents.envelope(UUID.randomUUID(), "o-1");
        String key = plain.key();

        send(key, TestEvents.bytes(huge));
        send("producer-1/order/o\u0000-1", TestEvents.spelledWith(plain, "\"o-1\"", "\"o\\u0000-1\""));
        send(key, TestEvents.spelledWith(plain, "\"amount\"", "\"am\\u0000ount\""));
        send(key, TestEvents.spelledWith(plain, "\"test\"", "\"te\\u0000st\""));
        send(key, TestEvents.bytes(plain));

        List<EventEnvelope> written = log.await(WAIT, 1);
        assertThat(written).extracting(EventEnvelope::eventId, EventEnvelope::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(plain.eventId(), 1L));
        List<RejectedEvent> refused = rejected.await(WAIT, 4);
        assertThat(refused).extracting(RejectedEvent::reason).containsExactlyInAnyOrder(
                RejectionReason.VERSION_CONFLICT, RejectionReason.INVALID_ENVELOPE, RejectionReason.INVALID_PAYLOAD,
                RejectionReason.INVALID_ENVELOPE);
        assertThat(refused).filteredOn(r -> r.reason() == RejectionReason.VERSION_CONFLICT).singleElement()
                .satisfies(r -> assertThat(r.envelope()).isEqualTo(huge));
        assertThat(client.health().recentThreadFailures()).isZero();
        assertThat(client.health().readiness().up()).isTrue();
    }

    @Test
    @Order(2)
    void shouldRouteARecordATopicRefusedAndTellItInHealth() throws Exception {
        lowerMaxMessageBytes(Topics.EVENTS_LOG.prefixed(PREFIX).name(), 100_000);
        EventEnvelope large = TestEvents.sizedRandom(UUID.randomUUID(), "o-2", 300_000, 7);
        EventEnvelope plain = TestEvents.envelope(UUID.randomUUID(), "o-2");
        int rejectedBefore = rejected.records().size();

        send(large.key(), TestEvents.bytes(large));
        send(plain.key(), TestEvents.bytes(plain));

        List<EventEnvelope> written = log.await(WAIT, 2);
        assertThat(written.get(1).eventId()).isEqualTo(plain.eventId());
        assertThat(written.get(1).version()).isEqualTo(1L);
        List<RejectedEvent> refused = rejected.await(WAIT, rejectedBefore + 1);
        assertThat(refused.get(rejectedBefore).reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(refused.get(rejectedBefore).envelope()).isEqualTo(large);
        assertThat(refused.get(rejectedBefore).detail()).contains(Topics.EVENTS_LOG.prefixed(PREFIX).name());
        assertThat(registry.find("processor.sends.refused").tag("topic", Topics.EVENTS_LOG.prefixed(PREFIX).name())
                .counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(client.health().recentThreadFailures()).isGreaterThanOrEqualTo(1);
        assertThat(client.health().readiness().up()).as("not ready within the window after a thread died").isFalse();
        assertThat(client.health().liveness().up()).isTrue();
    }

    private static void send(String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, SizeBudget.DEFAULT.producerMaxRequestSize()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS_RAW.prefixed(PREFIX).name(), key, value)).get(30,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lowerMaxMessageBytes(String topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", Integer.toString(bytes)), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
