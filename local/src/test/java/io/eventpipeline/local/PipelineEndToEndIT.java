package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.JsonSerde;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.RedisExporterProcess;
import io.eventpipeline.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton end to end, every hop real: HTTP -> ingest-api -> events.raw -> stream-processor
 * -> events.log -> projection-writer -> Postgres -> cache.invalidations.
 */
class PipelineEndToEndIT {

    private static final String PREFIX = "e2e.";
    private static final String API_KEY = "ep_e2e_" + UUID.randomUUID();
    private static final String PRODUCER = "e2e-producer";
    private static Infrastructure servers;
    private static String databaseUrl;
    private static LocalPipeline pipeline;
    private static RedisExporterProcess redisExporter;
    private final HttpClient http = HttpClient.newHttpClient();

    private IngestClient producer() {
        return new IngestClient(pipeline, API_KEY);
    }

    @BeforeAll
    static void startPipeline() throws Exception {
        servers = TestServers.shared();
        databaseUrl = servers.freshDatabase("e2e");
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("DATABASE_URL", databaseUrl);
        Path state = Files.createTempDirectory(Path.of("target"), "e2e-streams-");
        // Bloom on here (it is off by default): the end-to-end path and the dashboard's Bloom panel cover it too.
        pipeline = LocalPipeline.start(env, new LocalPipeline.Options(0, 0, 0, 0, 0, PREFIX, state, API_KEY, PRODUCER,
                Map.of("BLOOM_ENABLED", "true")));
        URI redis = URI.create(servers.redisUrl());
        redisExporter = RedisExporterProcess.start(redis.getHost() + ":" + redis.getPort());
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (redisExporter != null) {
            redisExporter.close();
        }
    }

    @Test
    void shouldStoreOneRowAndPublishOneInvalidationWhenTheSameRequestIsPostedTwice() throws Exception {
        String aggregateId = "o-" + UUID.randomUUID();
        String body = """
                {"aggregateType":"order","aggregateId":"%s","eventType":"order.placed","payload":{"total":42}}
                """.formatted(aggregateId);
        String key = "e2e-" + UUID.randomUUID();

        HttpResponse<String> first = producer().post(body, key);
        HttpResponse<String> second = producer().post(body, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        JsonNode accepted = Json.MAPPER.readTree(first.body());
        assertThat(Json.MAPPER.readTree(second.body())).isEqualTo(accepted);
        UUID eventId = UUID.fromString(accepted.get("eventId").asString());
        Instant createdAt = Instant.parse(accepted.get("createdAt").asString());

        List<CacheInvalidation> invalidations = awaitInvalidations(PRODUCER + "/order/" + aggregateId, Duration.ofSeconds(60));
        assertThat(invalidations).hasSize(1);
        assertThat(invalidations.getFirst().version()).isEqualTo(1);
        assertThat(rowsOf(eventId)).containsExactly(
                "events_" + DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC).format(createdAt));
        JsonNode head = Json.MAPPER.readTree(get("/v1/aggregates/order/" + aggregateId).body());
        assertThat(head.get("version").asLong()).isEqualTo(1);
        assertThat(head.get("lastEventId").asString()).isEqualTo(eventId.toString());
    }

    @Test
    void shouldStorePayloadNumbersWithEveryDigitTheProducerSent() throws Exception {
        String aggregateId = "o-" + UUID.randomUUID();
        String body = """
                {"aggregateType":"order","aggregateId":"%s","eventType":"order.placed","payload":
                 {"total":12345678901234567890.123456789,"rate":1.50,"tiny":1e-7,"count":123456789012345678901234567890}}
                """.formatted(aggregateId);

        HttpResponse<String> accepted = producer().post(body, "e2e-" + UUID.randomUUID());

        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID eventId = UUID.fromString(Json.MAPPER.readTree(accepted.body()).get("eventId").asString());
        awaitInvalidations(PRODUCER + "/order/" + aggregateId, Duration.ofSeconds(60));
        try (Connection c = DriverManager.getConnection(databaseUrl, servers.databaseUser(), servers.databasePassword());
                PreparedStatement s = c.prepareStatement("""
                        SELECT event_data->>'total', event_data->>'rate', (event_data->>'tiny')::numeric = 0.0000001,
                               event_data->>'count'
                        FROM events WHERE event_id = ?""")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("12345678901234567890.123456789");
                assertThat(rs.getString(2)).isEqualTo("1.50");
                assertThat(rs.getBoolean(3)).isTrue();
                assertThat(rs.getString(4)).isEqualTo("123456789012345678901234567890");
            }
        }
    }

    @Test
    void shouldExposeEveryMetricTheGrafanaDashboardsQueryWhenThePipelineHasSeenTraffic() throws Exception {
        String aggregateId = "o-" + UUID.randomUUID();
        String event = "{\"aggregateType\":\"order\",\"aggregateId\":\"%s\",\"eventType\":\"order.placed\",\"payload\":{}%s}";
        assertThat(producer().post(event.formatted(aggregateId, ""), "dash-" + UUID.randomUUID()).statusCode()).isEqualTo(202);
        assertThat(producer().post(event.formatted("c-" + aggregateId, ",\"expectedVersion\":5"), "dash-" + UUID.randomUUID())
                .statusCode()).isEqualTo(202);
        assertThat(awaitInvalidations(PRODUCER + "/order/" + aggregateId, Duration.ofSeconds(60))).isNotEmpty();
        assertThat(get("/v1/aggregates/order/" + aggregateId).statusCode()).isEqualTo(200);
        List<String> expressions = DashboardMetrics.expressions(Path.of("..", "grafana", "dashboards"));
        Set<String> queried = new TreeSet<>();
        expressions.forEach(e -> queried.addAll(DashboardMetrics.namesIn(e)));

        Set<String> exposed = awaitExposed(queried, Duration.ofSeconds(30));

        assertThat(expressions).isNotEmpty().allSatisfy(e -> assertThat(DashboardMetrics.namesIn(e)).isNotEmpty());
        assertThat(exposed).containsAll(queried);
    }

    /** Some meters appear only once their first event is counted: scrape until all are there or time is up. */
    private Set<String> awaitExposed(Set<String> wanted, Duration timeout) throws Exception {
        Set<String> exposed = new TreeSet<>();
        Instant deadline = Instant.now().plus(timeout);
        do {
            exposed.clear();
            for (int port : pipeline.actuatorPorts()) {
                HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build();
                exposed.addAll(DashboardMetrics.exposedBy(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body()));
            }
            // Redis panels read redis_exporter (compose runs it); `up` is the series Prometheus writes per target.
            exposed.addAll(DashboardMetrics.exposedBy(redisExporter.scrape()));
            exposed.add("up");
            if (exposed.containsAll(wanted)) {
                break;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return exposed;
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + pipeline.readPort() + path))
                .header("Authorization", "Bearer " + API_KEY).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the first invalidation of the aggregate, then a few seconds more to catch any repeat. */
    private static List<CacheInvalidation> awaitInvalidations(String aggregate, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<CacheInvalidation> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                JsonSerde.of(CacheInvalidation.class).deserializer())) {
            consumer.subscribe(List.of(Topics.CACHE_INVALIDATIONS.prefixed(PREFIX).name()));
            Instant deadline = Instant.now().plus(timeout);
            Instant quietUntil = null;
            while (Instant.now().isBefore(quietUntil != null ? quietUntil : deadline)) {
                for (ConsumerRecord<String, CacheInvalidation> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().aggregate().equals(aggregate)) {
                        seen.add(record.value());
                        if (quietUntil == null) {
                            quietUntil = Instant.now().plusSeconds(5);
                        }
                    }
                }
            }
        }
        return seen;
    }

    private static List<String> rowsOf(UUID eventId) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl, servers.databaseUser(), servers.databasePassword());
                PreparedStatement s = c.prepareStatement("SELECT tableoid::regclass::text FROM events WHERE event_id = ?")) {
            s.setObject(1, eventId);
            List<String> partitions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    partitions.add(rs.getString(1));
                }
            }
            return partitions;
        }
    }
}
