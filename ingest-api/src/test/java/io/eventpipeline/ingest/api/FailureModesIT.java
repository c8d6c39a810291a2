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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals that need their own servers or limits: Kafka gone (503, claim released) on this class's own
 * broker, and the per-producer token bucket (429).
 */
class FailureModesIT {

    private static EmbeddedKafka kafka;
    private static IngestApp app;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Files.createTempDirectory(Path.of("target"), "kafka-failure"), 0);
        app = IngestApp.start("failure", Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAFKA_DELIVERY_TIMEOUT", "3s", "RATE_LIMIT_PER_SECOND", "1", "RATE_LIMIT_BURST", "5"));
    }

    @AfterAll
    static void stop() {
        app.close();
        kafka.close();
    }

    @Test
    void shouldRefuseWith429AndRetryAfterWhenProducerExceedsItsBucket() {
        String key = app.keyFor("bursty");
        List<HttpResponse<String>> responses = new ArrayList<>();
        long start = System.nanoTime();

        for (int i = 0; i < 12; i++) {
            responses.add(app.post("/v1/events", key, "r-" + i, "not json"));
        }

        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        long passed = responses.stream().filter(r -> r.statusCode() == 400).count();
        assertThat(limited).isNotEmpty();
        assertThat(passed).isLessThanOrEqualTo(5 + (long) Math.ceil(elapsedSeconds));
        assertThat(passed + limited.size()).isEqualTo(12);
        limited.forEach(r -> {
            assertProblem(r, 429, "rate-limited");
            assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        });
    }

    @Test
    void shouldAnswer503AndReleaseClaimWhenKafkaDoesNotAcknowledge() {
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
        RedisClient client = RedisClient.create(TestServers.shared().redisUrl());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().exists(scoped)).isZero();
        } finally {
            client.shutdown();
        }
    }
}
