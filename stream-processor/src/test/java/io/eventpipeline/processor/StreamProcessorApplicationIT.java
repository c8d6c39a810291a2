package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.testsupport.Await;
import io.eventpipeline.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as operators run it: the Spring Boot application from {@link StreamProcessorApplication#builder()},
 * configured only through the variables the {@code local} module passes, against a real broker.
 */
class StreamProcessorApplicationIT {

    private static final String PREFIX = "app-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static ConfigurableApplicationContext context;
    private static String bootstrap;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        bootstrap = TestServers.shared().kafkaBootstrapServers();
        context = StreamProcessorApplication.builder().properties(
                "HTTP_PORT=0",
                "KAFKA_BOOTSTRAP_SERVERS=" + bootstrap,
                "TOPIC_PREFIX=" + PREFIX,
                "STREAMS_STATE_DIR=" + Files.createTempDirectory(Path.of("target"), "app-it-state"),
                "DEDUP_RETENTION=P1D",
                "BLOOM_ENABLED=true",
                // a bogus database and Redis: this service must not touch either
                "DATABASE_URL=jdbc:postgresql://127.0.0.1:1/none",
                "REDIS_URL=redis://127.0.0.1:1").run();
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldDeduplicateVersionAndRejectThroughTheRunningService() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        EventEnvelope a = TestEvents.envelope(first, "svc-1");
        EventEnvelope b = TestEvents.envelope(second, "svc-1");

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            String raw = Topics.EVENTS_RAW.prefixed(PREFIX).name();
            producer.send(new ProducerRecord<>(raw, a.key(), TestEvents.bytes(a)));
            producer.send(new ProducerRecord<>(raw, a.key(), TestEvents.bytes(a)));
            producer.send(new ProducerRecord<>(raw, b.key(), TestEvents.bytes(b)));
            producer.send(new ProducerRecord<>(raw, "order/svc-1", "not json".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }

        List<EventEnvelope> log = readCommitted(Topics.EVENTS_LOG.prefixed(PREFIX).name(), 2,
                Topics.EVENTS_LOG.valueSerde().deserializer());
        assertThat(log).extracting(EventEnvelope::eventId, EventEnvelope::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, 1L),
                        org.assertj.core.groups.Tuple.tuple(second, 2L));
        List<RejectedEvent> rejected = readCommitted(Topics.EVENTS_REJECTED.prefixed(PREFIX).name(), 1,
                Topics.EVENTS_REJECTED.valueSerde().deserializer());
        assertThat(rejected).extracting(RejectedEvent::reason).containsExactly(RejectionReason.UNDESERIALISABLE);
    }

    @Test
    void shouldReportHealthUpAndExposeProcessorAndStreamsMetrics() throws Exception {
        Await.until(Duration.ofSeconds(60), "ready", () -> get("/actuator/health/readiness").contains("\"UP\""));
        Await.until(Duration.ofSeconds(60), "task gauges are registered",
                () -> get("/actuator/prometheus").contains("processor_store_entries"));

        String prometheus = get("/actuator/prometheus");

        assertThat(prometheus).contains("processor_dedup_decisions_total")
                .contains("processor_events_processed_total")
                .contains("processor_duplicates_dropped_total")
                .contains("processor_process_latency_seconds")
                .contains("processor_store_entries{store=\"dedup-store\"")
                .contains("processor_store_entries{store=\"version-store\"")
                .contains("processor_bloom_false_positive_rate{kind=\"observed\"")
                .contains("processor_dedup_window_seconds{kind=\"configured\"")
                .contains("kafka_stream_");
        assertThat(prometheus).contains("processor_ready 1.0").contains("processor_live 1.0")
                .contains("processor_client_running 1.0").contains("processor_stalled_partitions")
                .contains("processor_input_lag_records").contains("processor_stream_thread_failures_recent 0.0");
        assertThat(get("/actuator/health")).contains("processorReadiness").doesNotContain("redis").doesNotContain("db");
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"").contains("processorReadiness")
                .contains("\"state\":\"RUNNING\"");
        assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"").contains("processorLiveness");
    }

    private static <V> List<V> readCommitted(String topic, int expected,
            org.apache.kafka.common.serialization.Deserializer<V> deserializer) {
        List<V> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "app-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            Await.until(Duration.ofSeconds(90), expected + " records on " + topic, () -> {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static String get(String path) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "unreachable: " + e;
        }
    }
}
