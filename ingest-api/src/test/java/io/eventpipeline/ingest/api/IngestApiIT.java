package io.eventpipeline.ingest.api;

import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.KeyTokens;
import io.eventpipeline.access.KeysCommand;
import io.eventpipeline.access.Scope;
import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.ingest.idempotency.Fingerprint;
import io.eventpipeline.ingest.idempotency.StoredEntry;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.schemas.config.Variables;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

/** Every answer of the write routes against a real Kafka, Postgres and Redis. */
class IngestApiIT {

    private static IngestApp app;

    @BeforeAll
    static void start() {
        app = IngestApp.start("api", Map.of("MAX_BODY_BYTES", "4096", "MAX_BATCH_EVENTS", "5"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void shouldAcceptEventOntoEventsRawKeyedByAggregateWhenValid() {
        String key = key();

        HttpResponse<String> response = app.postEvent(key, IngestApp.event("o-1", "{\"total\":17}"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = IngestApp.json(response.body());
        assertThat(body.properties().stream().map(Map.Entry::getKey)).containsExactlyInAnyOrder("eventId", "partition", "offset", "createdAt");
        var records = app.rawRecords().stream().filter(r -> r.value().contains(key)).toList();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().key()).isEqualTo(IngestApp.PRODUCER + "/order/o-1");
        assertThat(records.getFirst().partition()).isEqualTo(body.get("partition").asInt());
        assertThat(records.getFirst().offset()).isEqualTo(body.get("offset").asLong());
        JsonNode envelope = IngestApp.json(records.getFirst().value());
        assertThat(envelope.get("eventId").asString()).isEqualTo(body.get("eventId").asString());
        assertThat(envelope.get("producerId").asString()).isEqualTo(IngestApp.PRODUCER);
        assertThat(envelope.get("payload").get("total").asInt()).isEqualTo(17);
        assertThat(envelope.get("createdAt").asString()).isEqualTo(body.get("createdAt").asString());
    }

    @Test
    void shouldKeepClientEventIdWhenGiven() {
        UUID id = UUID.randomUUID();

        HttpResponse<String> response = app.postEvent(key(), """
                {"eventId":"%s","aggregateType":"order","aggregateId":"o-2","eventType":"order.placed","payload":{}}""".formatted(id));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(IngestApp.json(response.body()).get("eventId").asString()).isEqualTo(id.toString());
    }

    @Test
    void shouldAcceptBatchInOrderWhenAllItemsValid() {
        String body = "[" + IntStream.range(0, 3).mapToObj(i -> IngestApp.event("b-" + i, "{\"n\":" + i + "}"))
                .collect(Collectors.joining(",")) + "]";

        HttpResponse<String> response = app.post("/v1/events:batch", app.apiKey(), key(), body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode events = IngestApp.json(response.body()).get("events");
        assertThat(events).hasSize(3);
        assertThat(events.valueStream().map(e -> e.get("eventId").asString()).distinct()).hasSize(3);
    }

    @Test
    void shouldRefuseWith400WhenIdempotencyKeyMissing() {
        HttpResponse<String> response = app.postEvent(null, IngestApp.event("o-3", "{}"));

        assertProblem(response, 400, "missing-idempotency-key");
    }

    @Test
    void shouldRefuseWith400WhenIdempotencyKeyTooLongOrNotVisibleAscii() {
        assertProblem(app.postEvent("x".repeat(256), IngestApp.event("o-4", "{}")), 400, "invalid-idempotency-key");
        assertProblem(app.postEvent("has space", IngestApp.event("o-4", "{}")), 400, "invalid-idempotency-key");
    }

    @Test
    void shouldRefuseWith400WhenIdempotencyKeyRepeated() {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/v1/events"))
                .header("Authorization", "Bearer " + app.apiKey())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "a")
                .header("Idempotency-Key", "b")
                .POST(HttpRequest.BodyPublishers.ofString(IngestApp.event("o-5", "{}"))).build();

        assertProblem(app.send(request), 400, "invalid-idempotency-key");
    }

    @Test
    void shouldRefuseWith400WhenBodyIsNotJson() {
        assertProblem(app.postEvent(key(), "{\"aggregateType\":"), 400, "malformed-json");
        assertProblem(app.postEvent(key(), ""), 400, "malformed-json");
        assertProblem(app.postEvent(key(), "{\"a\":1}{\"b\":2}"), 400, "malformed-json");
        assertProblem(app.postEvent(key(), "{\"aggregateId\":\"x\",\"aggregateId\":\"y\"}"), 400, "malformed-json");
    }

    @Test
    void shouldRefuseWith401WhenApiKeyMissingOrUnknown() {
        assertProblem(app.post("/v1/events", null, key(), IngestApp.event("o-6", "{}")), 401, "unauthorized");
        assertProblem(app.post("/v1/events", "ik_nope", key(), IngestApp.event("o-6", "{}")), 401, "unauthorized");
        HttpResponse<String> unknown = app.post("/v1/events", "ik_well-formed-but-unknown", key(), IngestApp.event("o-6", "{}"));
        assertProblem(unknown, 401, "unauthorized");
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void shouldRefuseWith403WhenApiKeyRevokedExpiredOrWithoutProduceScope() {
        ApiKeyStore keys = app.bean(ApiKeyStore.class);
        ApiKeyStore.Created revoked = keys.create("producer-r", null, Set.of(Scope.PRODUCE));
        keys.revoke(revoked.key().id());
        ApiKeyStore.Created expired = keys.create("producer-e", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1),
                Set.of(Scope.PRODUCE));
        ApiKeyStore.Created reader = keys.create("producer-q", null, Set.of(Scope.READ));

        assertProblem(app.post("/v1/events", revoked.plainKey(), key(), IngestApp.event("o-7", "{}")), 403, "forbidden");
        assertProblem(app.post("/v1/events", expired.plainKey(), key(), IngestApp.event("o-7", "{}")), 403, "forbidden");
        assertProblem(app.post("/v1/events", reader.plainKey(), key(), IngestApp.event("o-7", "{}")), 403,
                "insufficient-scope");
    }

    @Test
    void shouldRefuseWith409AndRetryAfterWhenSameKeyStillInProgress() {
        String key = key();
        String body = IngestApp.event("o-8", "{}");
        String fingerprint = Fingerprint.of("POST", "/v1/events", IngestApp.json(body));
        String scoped = app.bean(IngestHandler.class).scopedKey(IngestApp.PRODUCER, key);
        RedisClient client = RedisClient.create(TestServers.shared().redisUrl());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().set(scoped, new StoredEntry.InProgress("another-request", fingerprint).encode());

            HttpResponse<String> same = app.postEvent(key, body);
            HttpResponse<String> different = app.postEvent(key, IngestApp.event("o-8", "{\"changed\":true}"));

            assertProblem(same, 409, "request-in-progress");
            assertThat(same.headers().firstValue("Retry-After")).isPresent();
            assertProblem(different, 422, "idempotency-key-reused");
            assertThat(redis.sync().get(scoped)).startsWith("P|another-request|");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void shouldRefuseWith413WhenBodyOrBatchTooLarge() {
        String big = IngestApp.event("o-9", "{\"pad\":\"" + "x".repeat(5000) + "\"}");
        String sixEvents = "[" + IntStream.range(0, 6).mapToObj(i -> IngestApp.event("b-" + i, "{}"))
                .collect(Collectors.joining(",")) + "]";

        assertProblem(app.postEvent(key(), big), 413, "payload-too-large");
        assertProblem(app.post("/v1/events:batch", app.apiKey(), key(), sixEvents), 413, "batch-too-large");
    }

    @Test
    void shouldRefuseWith415WhenNotJson() {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/v1/events"))
                .header("Authorization", "Bearer " + app.apiKey())
                .header("Content-Type", "text/plain")
                .header("Idempotency-Key", key())
                .POST(HttpRequest.BodyPublishers.ofString(IngestApp.event("o-10", "{}"))).build();

        assertProblem(app.send(request), 415, "unsupported-media-type");
    }

    @Test
    void shouldRefuseWith422WithPointerWhenEventBreaksSchema() {
        HttpResponse<String> response = app.postEvent(key(), """
                {"aggregateType":"order","eventType":"order.placed","payload":{},"expectedVersion":-1}""");

        JsonNode problem = assertProblem(response, 422, "validation-failed");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("pointer").asString())).contains("/expectedVersion");
    }

    @Test
    void shouldRefuseWith422AndProduceNothingWhenPayloadBreaksItsSchema() {
        String key = key();

        HttpResponse<String> response = app.postEvent(key, """
                {"aggregateType":"memory","aggregateId":"m-1","eventType":"memory.created","payload":{"content":42}}""");

        JsonNode problem = assertProblem(response, 422, "validation-failed");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("pointer").asString()))
                .allSatisfy(p -> assertThat(p).startsWith("/payload"));
        assertThat(app.rawEnvelopesWithKey(key)).isEmpty();
    }

    @Test
    void shouldListEveryBadItemByIndexAndProduceNothingWhenBatchHasInvalidItems() {
        String key = key();
        String body = "[" + IngestApp.event("ok-0", "{}") + ",{\"aggregateType\":\"order\"},"
                + IngestApp.event("ok-2", "{}") + ",{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"BAD TYPE\",\"payload\":{}}]";

        HttpResponse<String> response = app.post("/v1/events:batch", app.apiKey(), key, body);

        JsonNode problem = assertProblem(response, 422, "validation-failed");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("index").asInt()).distinct()).containsExactly(1, 3);
        assertThat(problem.get("errors").valueStream().filter(e -> e.get("index").asInt() == 3)
                .map(e -> e.get("pointer").asString())).contains("/eventType");
        assertThat(app.rawEnvelopesWithKey(key)).isEmpty();
    }

    @Test
    void shouldReplayStoredAnswerWithHeaderWhenSameKeyAndBody() {
        String key = key();
        String body = IngestApp.event("o-11", "{\"a\":1,\"b\":2}");
        String reordered = """
                { "payload": {"b":2, "a":1}, "eventType":"order.placed", "aggregateId":"o-11", "aggregateType":"order" }""";

        HttpResponse<String> first = app.postEvent(key, body);
        HttpResponse<String> retry = app.postEvent(key, reordered);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(app.rawEnvelopesWithKey(key)).hasSize(1);
    }

    @Test
    void shouldRefuseWith422WhenSameKeyReusedWithDifferentBody() {
        String key = key();
        app.postEvent(key, IngestApp.event("o-12", "{\"v\":1}"));

        HttpResponse<String> reused = app.postEvent(key, IngestApp.event("o-12", "{\"v\":2}"));
        HttpResponse<String> otherRoute = app.post("/v1/events:batch", app.apiKey(), key, "[" + IngestApp.event("o-12", "{\"v\":1}") + "]");

        assertProblem(reused, 422, "idempotency-key-reused");
        assertProblem(otherRoute, 422, "idempotency-key-reused");
        assertThat(app.rawEnvelopesWithKey(key)).hasSize(1);
    }

    @Test
    void shouldKeepProducersIndependentWhenTheyUseTheSameKey() {
        String key = key();
        String otherProducerKey = app.keyFor("producer-b");

        HttpResponse<String> a = app.postEvent(key, IngestApp.event("o-13", "{\"from\":\"a\"}"));
        HttpResponse<String> b = app.post("/v1/events", otherProducerKey, key, IngestApp.event("o-13", "{\"from\":\"b\"}"));

        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(b.statusCode()).isEqualTo(202);
        assertThat(b.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(IngestApp.json(b.body()).get("eventId").asString()).isNotEqualTo(IngestApp.json(a.body()).get("eventId").asString());
        assertThat(app.rawEnvelopesWithKey(key).stream().map(e -> e.get("producerId").asString()))
                .containsExactlyInAnyOrder(IngestApp.PRODUCER, "producer-b");
    }

    @Test
    void shouldCreateListAndRevokeKeysWhenKeysCommandRuns() {
        var out = new ByteArrayOutputStream();
        var env = Variables.of(Map.of("DATABASE_URL", app.bean(Environment.class).getProperty("DATABASE_URL"),
                "DATABASE_USER", TestServers.shared().databaseUser(), "DATABASE_PASSWORD", TestServers.shared().databasePassword(),
                "REDIS_URL", TestServers.shared().redisUrl(), "TOPIC_PREFIX", app.topicPrefix()));

        int created = KeysCommand.run(new String[] {"create", "cli-producer", "30", "--scopes", "produce,read"}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        String plain = printed.lines().filter(l -> l.startsWith("key:")).findFirst().orElseThrow().substring(4).strip();
        String id = printed.lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        HttpResponse<String> withNewKey = app.post("/v1/events", plain, key(), IngestApp.event("o-14", "{}"));
        out.reset();
        int listed = KeysCommand.run(new String[] {"list"}, env, new PrintStream(out, true, StandardCharsets.UTF_8));
        String listing = out.toString(StandardCharsets.UTF_8);
        int revoked = KeysCommand.run(new String[] {"revoke", id}, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        long revokedAt = System.nanoTime();
        HttpResponse<String> afterRevocation = app.post("/v1/events", plain, key(), IngestApp.event("o-14", "{}"));
        long refusedAfterMillis = (System.nanoTime() - revokedAt) / 1_000_000;

        assertThat(created).isZero();
        assertThat(withNewKey.statusCode()).isEqualTo(202);
        assertThat(listed).isZero();
        assertThat(printed).contains("scopes:   produce,read");
        assertThat(listing).contains(id).contains("cli-producer").contains("produce,read").doesNotContain(plain)
                .doesNotContain(KeyTokens.hash(plain));
        assertThat(revoked).isZero();
        assertThat(afterRevocation.statusCode()).as("the revocation was announced before the command returned").isEqualTo(403);
        assertThat(refusedAfterMillis).isLessThan(1000);
    }

    @Test
    void shouldServeHealthAndMetricsOnlyOnTheManagementPortAndOpenApiOnThePublicOne() {
        app.postEvent(key(), IngestApp.event("o-15", "{}"));

        HttpResponse<String> health = app.getManagement("/actuator/health");
        HttpResponse<String> readiness = app.getManagement("/actuator/health/readiness");
        HttpResponse<String> prometheus = app.getManagement("/actuator/prometheus");
        HttpResponse<String> publicHealth = app.get("/actuator/health");
        HttpResponse<String> publicMetrics = app.get("/actuator/prometheus");
        HttpResponse<String> openapi = app.get("/openapi.yaml");
        HttpResponse<String> versioned = app.get("/v1/openapi.yaml");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP").contains("\"components\"");
        assertThat(readiness.body()).contains("\"kafka\"").contains("UP");
        assertThat(publicHealth.statusCode()).isEqualTo(404);
        assertThat(publicMetrics.statusCode()).isEqualTo(404);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("ingest_requests_seconds_bucket", "route=\"events\"", "event_type=\"order.placed\"",
                "ingest_kafka_send_seconds", "ingest_idempotency_outcomes_total", "resilience4j_circuitbreaker_state",
                "ingest_kafka_ready{", "access_authentications_total", "db_query_seconds_count", "query=\"api_keys.find_by_hash\"");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/v1/events:batch", ProblemType.KAFKA_UNAVAILABLE.uri().toString());
        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.body()).isEqualTo(openapi.body());
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = IngestApp.json(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(ProblemType.BASE + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }
}
