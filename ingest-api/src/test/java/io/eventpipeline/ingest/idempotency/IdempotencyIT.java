package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.testsupport.Await;
import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.eventpipeline.ingest.api.IngestHandler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The idempotency contract under concurrency and expiry, against real Kafka and Redis. */
class IdempotencyIT {

    private static IngestApp app;

    @BeforeAll
    static void start() {
        // A short stored-result TTL so expiry is observable; local replays never outlive it.
        app = IngestApp.start("idem", Map.of("IDEMPOTENCY_TTL", "3s"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldProduceOneRecordAndGiveIdenticalAnswersWhen64IdenticalRequestsRaceEachOther() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String body = IngestApp.event("race-1", "{\"amount\":64}");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return app.postEvent(key, body);
                }));
            }
            go.countDown();
        }

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : answers) {
            responses.add(f.get());
        }
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        List<JsonNode> records = app.rawEnvelopesWithKey(key);
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().get("eventId").asString())
                .isEqualTo(IngestApp.json(responses.getFirst().body()).get("eventId").asString());
    }

    @Test
    void shouldProduceEveryBatchEventOnceWhen16IdenticalBatchesRace() throws Exception {
        String key = "batch-race-" + UUID.randomUUID();
        String body = "[" + IntStream.range(0, 10).mapToObj(i -> IngestApp.event("br-" + i, "{}"))
                .collect(Collectors.joining(",")) + "]";
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> app.post("/v1/events:batch", app.apiKey(), key, body)));
            }
        }

        List<String> bodies = new ArrayList<>();
        for (Future<HttpResponse<String>> f : answers) {
            assertThat(f.get().statusCode()).isIn(202, 409);
            if (f.get().statusCode() == 202) {
                bodies.add(f.get().body());
            }
        }
        assertThat(bodies).isNotEmpty();
        assertThat(bodies.stream().distinct()).hasSize(1);
        List<JsonNode> records = app.rawEnvelopesWithKey(key);
        assertThat(records).hasSize(10);
        assertThat(records.stream().map(r -> r.get("eventId").asString()).distinct()).hasSize(10);
    }

    @Test
    void shouldUseDeterministicIdsPerProducerKeyAndIndex() {
        String key = "det-" + UUID.randomUUID();
        String body = "[" + IngestApp.event("d-0", "{}") + "," + IngestApp.event("d-1", "{}") + "]";

        HttpResponse<String> response = app.post("/v1/events:batch", app.apiKey(), key, body);

        JsonNode events = IngestApp.json(response.body()).get("events");
        assertThat(events.get(0).get("eventId").asString()).isEqualTo(EventIds.of(IngestApp.PRODUCER, key, 0).toString());
        assertThat(events.get(1).get("eventId").asString()).isEqualTo(EventIds.of(IngestApp.PRODUCER, key, 1).toString());
    }

    @Test
    void shouldRunAgainWithSameEventIdAndNewCreatedAtWhenStoredResultExpired() {
        String key = "ttl-" + UUID.randomUUID();
        String body = IngestApp.event("ttl-1", "{}");
        String scoped = app.bean(IngestHandler.class).scopedKey(IngestApp.PRODUCER, key);
        RedisClient client = RedisClient.create(TestServers.shared().redisUrl());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            // read the TTL right after the first answer: on a loaded machine the replay can take a second
            HttpResponse<String> first = app.postEvent(key, body);
            long ttlMs = redis.sync().pttl(scoped);
            HttpResponse<String> replay = app.postEvent(key, body);

            Await.until(Duration.ofSeconds(20), () -> redis.sync().exists(scoped) == 0);
            Await.until(Duration.ofSeconds(20), () -> !app.postEvent(key, body).headers().firstValue("Idempotent-Replayed").isPresent());

            assertThat(ttlMs).isBetween(1L, 3000L);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            List<JsonNode> records = app.rawEnvelopesWithKey(key);
            assertThat(records).hasSize(2);
            assertThat(records.stream().map(r -> r.get("eventId").asString()).distinct()).hasSize(1);
            assertThat(records.stream().map(r -> r.get("createdAt").asString()).distinct()).hasSize(2);
            assertThat(records.getFirst().get("createdAt").asString())
                    .isEqualTo(IngestApp.json(first.body()).get("createdAt").asString());
        } finally {
            client.shutdown();
        }
    }
}
