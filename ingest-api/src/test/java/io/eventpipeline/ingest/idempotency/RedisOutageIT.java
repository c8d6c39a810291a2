package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.testsupport.Await;
import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.servers.RedisProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Redis stopped mid-test (this class's own redis-server, so other classes are not disturbed): requests are
 * still accepted, marked degraded, retries carry the same event ids, and the breaker closes by itself.
 */
class RedisOutageIT {

    private static RedisProcess redis;
    private static IngestApp app;

    @BeforeAll
    static void start() {
        redis = RedisProcess.start(null, 0);
        // No local replay: every retry reaches Kafka again, which shows the ids are deterministic.
        app = IngestApp.start("outage", Map.of("REDIS_URL", redis.url(), "IDEMPOTENCY_LOCAL_CACHE_BYTES", "0",
                "REDIS_TIMEOUT", "300ms", "REDIS_BREAKER_OPEN_DURATION", "500ms"));
    }

    @AfterAll
    static void stop() {
        app.close();
        redis.close();
    }

    @Test
    void shouldAcceptDegradedWithSameIdsWhileRedisIsDownAndRecoverWhenItIsBack() {
        String before = "before-" + UUID.randomUUID();
        String body = "[" + IngestApp.event("out-0", "{}") + "," + IngestApp.event("out-1", "{}") + "]";
        HttpResponse<String> healthy = app.post("/v1/events:batch", app.apiKey(), before, body);

        redis.stop();
        String during = "during-" + UUID.randomUUID();
        HttpResponse<String> first = app.post("/v1/events:batch", app.apiKey(), during, body);
        HttpResponse<String> retry = app.post("/v1/events:batch", app.apiKey(), during, body);
        HttpResponse<String> more = null;
        for (int i = 0; i < 10; i++) {
            more = app.postEvent("more-" + i + "-" + UUID.randomUUID(), IngestApp.event("out-2", "{}"));
        }
        String metrics = app.getManagement("/actuator/prometheus").body();
        redis.restart();
        Await.until(Duration.ofSeconds(30), () -> {
            HttpResponse<String> probe = app.postEvent("after-" + UUID.randomUUID(), IngestApp.event("out-3", "{}"));
            return probe.statusCode() == 202 && probe.headers().firstValue("Idempotency-Degraded").isEmpty();
        });
        String afterKey = "after-" + UUID.randomUUID();
        HttpResponse<String> after = app.postEvent(afterKey, IngestApp.event("out-4", "{}"));
        HttpResponse<String> afterReplay = app.postEvent(afterKey, IngestApp.event("out-4", "{}"));

        assertThat(healthy.statusCode()).isEqualTo(202);
        assertThat(healthy.headers().firstValue("Idempotency-Degraded")).isEmpty();
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotency-Degraded")).hasValue("true");
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotency-Degraded")).hasValue("true");
        assertThat(more.statusCode()).isEqualTo(202);
        assertThat(more.headers().firstValue("Idempotency-Degraded")).hasValue("true");
        assertThat(eventIds(first)).isEqualTo(eventIds(retry));
        List<JsonNode> records = app.rawEnvelopesWithKey(during);
        assertThat(records).hasSize(4);
        assertThat(records.stream().map(r -> r.get("eventId").asString()).distinct()).containsExactlyInAnyOrderElementsOf(eventIds(first));
        assertThat(metrics).containsPattern("ingest_idempotency_outcomes_total\\{[^}]*outcome=\"degraded\"[^}]*} [1-9]");
        // the breaker opened: calls were refused without trying Redis (its state may already be half-open
        // again when the scrape happens, the open duration being short for this test)
        assertThat(metrics).containsPattern("resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*} [1-9]");
        assertThat(metrics).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*state=\"(open|half_open)\"[^}]*} 1.0");
        assertThat(after.headers().firstValue("Idempotency-Degraded")).isEmpty();
        assertThat(afterReplay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    private static List<String> eventIds(HttpResponse<String> response) {
        return IngestApp.json(response.body()).get("events").valueStream().map(e -> e.get("eventId").asString()).toList();
    }
}
