package io.eventpipeline.ingest.api;

import static io.eventpipeline.ingest.api.IngestApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.servers.EmbeddedKafka;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Refusals that need their own servers or limits: Kafka gone (503, claim released) on this class's own
 * broker, and the per-producer token bucket (429).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureModesIT {

    private static EmbeddedKafka kafka;
    private static IngestApp app;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Files.createTempDirectory(Path.of("target"), "kafka-failure"), 0);
        app = IngestApp.start("failure", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAFKA_DELIVERY_TIMEOUT", "3s", "RATE_LIMIT_PER_SECOND", "1", "RATE_LIMIT_BURST", "100",
                "MAX_BATCH_EVENTS", "100"));
    }

    @AfterAll
    static void stop() {
        app.close();
        kafka.close();
    }

    @Test
    @Order(1)
    void shouldRefuseWith429AndRetryAfterWhenProducerExceedsItsBucket() {
        String key = app.keyFor("bursty");
        String hundred = IntStream.range(0, 100).mapToObj(i -> IngestApp.event("r-" + i, "{}"))
                .collect(Collectors.joining(",", "[", "]"));

        // one token per event: the first batch empties the bucket of 100, which refills at 1 event/s
        HttpResponse<String> first = app.post("/v1/events:batch", key, "r-1", hundred);
        HttpResponse<String> second = app.post("/v1/events:batch", key, "r-2", hundred);

        assertThat(first.statusCode()).as(first.body()).isIn(202, 503);
        assertProblem(second, 429, "rate-limited");
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    }

    @Test
    @Order(2)
    void shouldAnswer503ReleaseClaimAndTurnNotReadyWhenKafkaDoesNotAcknowledge() {
        HttpResponse<String> whileUp = app.postEvent("up-" + UUID.randomUUID(), IngestApp.event("f-1", "{}"));
        kafka.close();
        String key = "down-" + UUID.randomUUID();
        String scoped = app.bean(IngestHandler.class).scopedKey(IngestApp.PRODUCER, key);

        HttpResponse<String> first = app.postEvent(key, IngestApp.event("f-2", "{}"));
        HttpResponse<String> retry = app.postEvent(key, IngestApp.event("f-2", "{}"));

        assertThat(whileUp.statusCode()).isEqualTo(202);
        assertProblem(first, 503, "kafka-unavailable");
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        // Released, not stored: the retry ran again instead of replaying a failure or answering 409.
        assertProblem(retry, 503, "kafka-unavailable");
        HttpResponse<String> readiness = app.getManagement("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as("not ready while Kafka does not acknowledge").isEqualTo(503);
        assertThat(readiness.body()).contains("\"kafka\"").contains("DOWN");
        assertThat(app.getManagement("/actuator/prometheus").body()).contains("ingest_kafka_ready{application=\"ingest-api\"} 0.0");
        RedisClient client = RedisClient.create(TestServers.shared().redisUrl());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().exists(scoped)).isZero();
        } finally {
            client.shutdown();
        }
    }
}
