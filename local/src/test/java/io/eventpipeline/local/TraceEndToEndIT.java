package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3's trace test, the whole pipeline in one JVM: a POST with a W3C {@code traceparent} finds
 * the same trace id in the response, on events.raw, events.log, the events row's {@code trace_id} and the
 * cache.invalidations message; a rejected event finds it on events.rejected.
 */
class TraceEndToEndIT {

    private static final String PREFIX = "e2e-trace.";
    private static final String API_KEY = "ep_trace_" + UUID.randomUUID();
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Infrastructure servers;
    private static String databaseUrl;
    private static LocalPipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        servers = TestServers.shared();
        databaseUrl = servers.freshDatabase("e2e_trace");
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("DATABASE_URL", databaseUrl);
        Path state = Files.createTempDirectory(Path.of("target"), "e2e-trace-streams-");
        pipeline = LocalPipeline.start(env, new LocalPipeline.Options(0, 0, 0, 0, 0, PREFIX, state, API_KEY, "trace-producer",
                Map.of()));
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldFindTheCallersTraceIdOnEveryTopicAndOnTheRow() throws Exception {
        String traceId = newTraceId();
        String aggregate = "traced-" + UUID.randomUUID();

        HttpResponse<String> answer = post("{\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregate
                + "\",\"eventType\":\"order.placed\",\"payload\":{\"n\":1}}", traceId);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String eventId = Json.MAPPER.readTree(answer.body()).get("eventId").asString();
        assertThat(traceIdOf(answer.headers().firstValue("traceparent").orElse(null))).isEqualTo(traceId);
        assertThat(traceIdOn(Topics.EVENTS_RAW.name(), eventId)).as("events.raw").isEqualTo(traceId);
        assertThat(traceIdOn(Topics.EVENTS_LOG.name(), eventId)).as("events.log").isEqualTo(traceId);
        assertThat(awaitRowTraceId(eventId)).as("events.trace_id").isEqualTo(traceId);
        assertThat(traceIdOn(Topics.CACHE_INVALIDATIONS.name(), "trace-producer/order/" + aggregate))
                .as("cache.invalidations").isEqualTo(traceId);
    }

    @Test
    void shouldFindTheCallersTraceIdOnTheRejection() throws Exception {
        String traceId = newTraceId();

        HttpResponse<String> answer = post("{\"aggregateType\":\"order\",\"aggregateId\":\"conflict-" + UUID.randomUUID()
                + "\",\"eventType\":\"order.placed\",\"expectedVersion\":41,\"payload\":{}}", traceId);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String eventId = Json.MAPPER.readTree(answer.body()).get("eventId").asString();
        assertThat(traceIdOn(Topics.EVENTS_REJECTED.name(), eventId)).as("events.rejected").isEqualTo(traceId);
    }

    private static HttpResponse<String> post(String body, String traceId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + pipeline.ingestPort() + "/v1/events"))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Idempotency-Key", "trace-" + UUID.randomUUID())
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().toHexDigits(System.nanoTime() | 1) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String newTraceId() {
        UUID random = UUID.randomUUID();
        return HexFormat.of().toHexDigits(random.getMostSignificantBits())
                + HexFormat.of().toHexDigits(random.getLeastSignificantBits());
    }

    private static String traceIdOf(String traceparent) {
        Matcher m = TRACEPARENT.matcher(traceparent == null ? "" : traceparent);
        return m.matches() ? m.group(1) : "(not a traceparent: " + traceparent + ")";
    }

    /** The trace id in the traceparent header of the first committed record of {@code topic} mentioning {@code text}. */
    private static String traceIdOn(String topic, String text) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "trace-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(PREFIX + topic));
            Instant deadline = Instant.now().plus(ARRIVAL);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(text)) {
                        Header header = record.headers().lastHeader("traceparent");
                        return header == null ? "(no traceparent)" : traceIdOf(new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return "(no record on " + topic + ")";
    }

    private static String awaitRowTraceId(String eventId) throws Exception {
        Instant deadline = Instant.now().plus(ARRIVAL);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = DriverManager.getConnection(databaseUrl, servers.databaseUser(), servers.databasePassword());
                    PreparedStatement s = c.prepareStatement("SELECT trace_id FROM events WHERE event_id = ?::uuid")) {
                s.setString(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(250);
        }
        return "(no row)";
    }
}
