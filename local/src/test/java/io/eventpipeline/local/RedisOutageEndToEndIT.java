package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.JsonSerde;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.RedisProcess;
import io.eventpipeline.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariants 1 and 2 across the whole pipeline while Redis is down: a retry the ingest-api cannot
 * recognise is accepted again (degraded) with the same deterministic event id, reaches events.raw
 * twice, and still becomes exactly one record on events.log and one row in Postgres.
 */
class RedisOutageEndToEndIT {

    private static final String PREFIX = "e2e-redis.";
    private static final String API_KEY = "ep_outage_" + UUID.randomUUID();
    private static Infrastructure servers;
    private static RedisProcess redis;
    private static String databaseUrl;
    private static LocalPipeline pipeline;
    private IngestClient producer() {
        return new IngestClient(pipeline, API_KEY);
    }

    @BeforeAll
    static void startPipelineWithItsOwnRedis() throws Exception {
        servers = TestServers.shared();
        redis = RedisProcess.start(null, 0);
        databaseUrl = servers.freshDatabase("e2e_redis_outage");
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("DATABASE_URL", databaseUrl);
        env.put("REDIS_URL", redis.url());
        Path state = Files.createTempDirectory(Path.of("target"), "e2e-redis-streams-");
        // No local replay cache: the retry must depend on Redis alone, which will be down.
        pipeline = LocalPipeline.start(env, new LocalPipeline.Options(0, 0, 0, 0, 0, PREFIX, state, API_KEY, "outage-producer",
                Map.of("IDEMPOTENCY_LOCAL_CACHE_BYTES", "0", "REDIS_TIMEOUT", "300ms", "REDIS_BREAKER_OPEN_DURATION", "60s")));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void shouldStoreOneRowWhenARetryIsAcceptedAgainWhileRedisIsDown() throws Exception {
        String aggregateId = "o-" + UUID.randomUUID();
        String body = "{\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregateId
                + "\",\"eventType\":\"order.placed\",\"payload\":{\"total\":7}}";
        String key = "outage-" + UUID.randomUUID();
        HttpResponse<String> first = producer().post(body, key);
        assertThat(first.statusCode()).isEqualTo(202);
        UUID eventId = UUID.fromString(Json.MAPPER.readTree(first.body()).get("eventId").asString());

        redis.stop();
        HttpResponse<String> retry = producer().post(body, key);

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotency-Degraded")).hasValue("true");
        assertThat(Json.MAPPER.readTree(retry.body()).get("eventId").asString()).isEqualTo(eventId.toString());
        assertThat(awaitRecords(Topics.EVENTS_RAW.prefixed(PREFIX).name(), eventId, 2)).isEqualTo(2);
        assertThat(awaitRows(eventId)).isEqualTo(1);
        assertThat(awaitRecords(Topics.EVENTS_LOG.prefixed(PREFIX).name(), eventId, 2)).isEqualTo(1);
    }

    /** Reads the topic (committed records only) for 10 s or until {@code enough} copies of the id are seen. */
    private static int awaitRecords(String topic, UUID eventId, int enough) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int seen = 0;
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                JsonSerde.of(EventEnvelope.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline) && seen < enough) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().eventId().equals(eventId)) {
                        seen++;
                    }
                }
            }
        }
        return seen;
    }

    /** Waits for the row, then a few seconds more for a second one that must never come. */
    private static int awaitRows(UUID eventId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        int rows = 0;
        while (rows == 0 && Instant.now().isBefore(deadline)) {
            rows = countRows(eventId);
            Thread.sleep(250);
        }
        Thread.sleep(3000);
        return countRows(eventId);
    }

    private static int countRows(UUID eventId) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl, servers.databaseUser(), servers.databasePassword());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
