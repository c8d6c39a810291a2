package io.eventpipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.read.support.Http;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service as {@code local} starts it (builder(), variables, the other services' starters on the classpath),
 * against real Postgres, Redis and Kafka: every endpoint, both cache layers, invalidations and warming.
 */
class ReadApiApplicationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ReadFixture fx;
    private static ConfigurableApplicationContext app;
    private static Http http;
    private static MeterRegistry metrics;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void startService() {
        fx = new ReadFixture("read_app_it", TestServers.shared());
        Instant now = Instant.now();
        fx.putAggregate("order", "warm-old", 1, "order.placed", now.minusSeconds(300));
        fx.putAggregate("order", "warm-mid", 2, "order.paid", now.minusSeconds(200));
        fx.putAggregate("order", "warm-new", 3, "order.shipped", now.minusSeconds(100));
        Map<String, Object> env = fx.environment(fx.servers.redisUrl());
        env.put("CACHE_WARM_AGGREGATES", "2");
        // Long enough that no L1 entry expires during the class: what leaves L1 here was evicted.
        env.put("CACHE_L1_TTL", "10m");
        app = ReadApiApplication.builder().properties(env).run();
        http = new Http(app, fx.readKey);
        metrics = app.getBean(MeterRegistry.class);
        redisClient = RedisClient.create(fx.servers.redisUrl());
        redisConnection = redisClient.connect();
        redis = redisConnection.sync();
    }

    @AfterAll
    static void stopService() {
        if (app != null) {
            app.close();
        }
        if (redisConnection != null) {
            redisConnection.close();
            redisClient.shutdown();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void shouldWarmTheMostRecentlyUpdatedAggregatesIntoBothLayersWhenStarted() {
        double dbBefore = count("head", "db", "hit");
        double l1Before = count("head", "l1", "hit");

        HttpResponse<String> warmed = http.get("/v1/aggregates/order/warm-new");

        assertThat(redis.hget(fx.prefix + "aggregate:producer-1/order/warm-new", "head")).contains("\"version\":3");
        assertThat(redis.hget(fx.prefix + "aggregate:producer-1/order/warm-mid", "head")).contains("\"version\":2");
        assertThat(redis.exists(fx.prefix + "aggregate:producer-1/order/warm-old")).as("only the 2 most recent are warmed").isZero();
        assertThat(warmed.statusCode()).isEqualTo(200);
        assertThat(json(warmed).get("version").asLong()).isEqualTo(3);
        assertThat(count("head", "l1", "hit") - l1Before).isEqualTo(1);
        assertThat(count("head", "db", "hit") - dbBefore).as("a warmed read never reaches Postgres").isZero();
    }

    @Test
    void shouldLoadFromDatabaseThenAnswerFromL1WhenReadTwice() throws Exception {
        fx.putAggregate("order", "o-db", 4, "order.paid", Instant.now());
        double dbBefore = count("head", "db", "hit");
        double l1Before = count("head", "l1", "hit");

        HttpResponse<String> first = http.get("/v1/aggregates/order/o-db");
        HttpResponse<String> second = http.get("/v1/aggregates/order/o-db");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode head = json(first);
        assertThat(head.get("aggregateType").asString()).isEqualTo("order");
        assertThat(head.get("version").asLong()).isEqualTo(4);
        assertThat(head.get("lastEventType").asString()).isEqualTo("order.paid");
        assertThat(head.get("eventCount").asLong()).isEqualTo(4);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(count("head", "db", "hit") - dbBefore).isEqualTo(1);
        assertThat(count("head", "l1", "hit") - l1Before).isEqualTo(1);
        ReadFixture.await("the load filled L2", WAIT, () -> redis.hget(fx.prefix + "aggregate:producer-1/order/o-db", "head") != null);
    }

    @Test
    void shouldPromoteAnL2HitToL1WhenL1DoesNotHoldTheKey() {
        String key = fx.prefix + "aggregate:producer-1/order/only-in-l2";
        redis.hset(key, "head", Json.MAPPER.writeValueAsString(Map.of("aggregateType", "order", "aggregateId", "only-in-l2",
                "version", 9, "lastEventId", UUID.randomUUID().toString(), "lastEventType", "order.l2", "eventCount", 9,
                "updatedAt", "2026-11-27T08:00:00Z")));
        double l2Before = count("head", "l2", "hit");

        HttpResponse<String> fromL2 = http.get("/v1/aggregates/order/only-in-l2");
        redis.del(key);
        HttpResponse<String> fromL1 = http.get("/v1/aggregates/order/only-in-l2");

        assertThat(fromL2.statusCode()).as("Postgres has no such row: only L2 can answer").isEqualTo(200);
        assertThat(json(fromL2).get("version").asLong()).isEqualTo(9);
        assertThat(count("head", "l2", "hit") - l2Before).isEqualTo(1);
        assertThat(fromL1.statusCode()).as("promoted to L1, so gone from Redis is still served").isEqualTo(200);
        assertThat(fromL1.body()).isEqualTo(fromL2.body());
    }

    @Test
    void shouldServeTheNewRowWhenAnInvalidationIsPublished() throws Exception {
        fx.putAggregate("order", "o-inv", 1, "order.placed", Instant.now());
        assertThat(json(http.get("/v1/aggregates/order/o-inv")).get("version").asLong()).isEqualTo(1);
        ReadFixture.await("the load filled L2", WAIT, () -> redis.hget(fx.prefix + "aggregate:producer-1/order/o-inv", "head") != null);
        fx.putAggregate("order", "o-inv", 2, "order.paid", Instant.now());
        assertThat(json(http.get("/v1/aggregates/order/o-inv")).get("version").asLong())
                .as("still cached before the invalidation").isEqualTo(1);

        fx.invalidate("aggregate:producer-1/order/o-inv", "producer-1/order/o-inv", 2);

        ReadFixture.await("the new version served", WAIT,
                () -> json(http.get("/v1/aggregates/order/o-inv")).get("version").asLong() == 2);
        // A load that overlapped the eviction never writes L2; the next reads load again and refill it.
        ReadFixture.await("L2 refilled with the new version", WAIT, () -> {
            http.get("/v1/aggregates/order/o-inv");
            return String.valueOf(redis.hget(fx.prefix + "aggregate:producer-1/order/o-inv", "head")).contains("\"version\":2");
        });
    }

    @Test
    void shouldEvictTheRecordKeyWhenTheInvalidationValueIsUnreadable() throws Exception {
        fx.putAggregate("order", "o-bad", 1, "order.placed", Instant.now());
        assertThat(json(http.get("/v1/aggregates/order/o-bad")).get("version").asLong()).isEqualTo(1);
        fx.putAggregate("order", "o-bad", 5, "order.paid", Instant.now());

        fx.invalidateWithUnreadableValue("aggregate:producer-1/order/o-bad");

        ReadFixture.await("the new version served", WAIT,
                () -> json(http.get("/v1/aggregates/order/o-bad")).get("version").asLong() == 5);
        assertThat(metrics.get("read.cache.invalidations.unreadable").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldAnswer404ProblemWhenTheAggregateIsAbsent() {
        HttpResponse<String> response = http.get("/v1/aggregates/order/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://eventpipeline.io/problems/not-found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).contains("order/nope");
    }

    @Test
    void shouldAnswer400ProblemNamingTheParameterWhenOutOfRange() {
        HttpResponse<String> badLimit = http.get("/v1/aggregates/order/x/events?limit=0");
        HttpResponse<String> noUser = http.get("/v1/memories");
        HttpResponse<String> badSince = http.get("/v1/stats/event-types?since=yesterday");
        HttpResponse<String> notANumber = http.get("/v1/aggregates/order/x/events?fromVersion=abc");
        HttpResponse<String> notAnObject = http.get("/v1/events?contains=%5B1%5D");

        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).get("parameter").asString()).isEqualTo("limit");
        assertThat(noUser.statusCode()).isEqualTo(400);
        assertThat(json(noUser).get("parameter").asString()).isEqualTo("userId");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(json(notANumber).get("type").asString()).isEqualTo("https://eventpipeline.io/problems/invalid-parameter");
        assertThat(json(notANumber).get("parameter").asString()).isEqualTo("fromVersion");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(json(notAnObject).get("parameter").asString()).isEqualTo("contains");
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(badSince.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void shouldListEventsInVersionOrderAndSeeAppendsAfterInvalidation() throws Exception {
        fx.putEvent("cart", "c-1", 1, "cart.created", "{\"n\":1}");
        fx.putEvent("cart", "c-1", 2, "cart.item.added", "{\"n\":2}");
        fx.putEvent("cart", "c-1", 3, "cart.item.added", "{\"n\":3}");
        fx.putEvent("cart", "c-2", 1, "cart.created", "{\"n\":99}");

        JsonNode page = json(http.get("/v1/aggregates/cart/c-1/events?fromVersion=2&limit=10"));
        fx.putEvent("cart", "c-1", 4, "cart.checked.out", "{\"n\":4}");
        fx.invalidate("aggregate:producer-1/cart/c-1", "producer-1/cart/c-1", 4);

        assertThat(page.get("events").size()).isEqualTo(2);
        assertThat(page.get("events").get(0).get("version").asLong()).isEqualTo(2);
        assertThat(page.get("events").get(1).get("version").asLong()).isEqualTo(3);
        assertThat(page.get("events").get(1).get("payload").get("n").asInt()).isEqualTo(3);
        ReadFixture.await("the appended event listed", WAIT,
                () -> json(http.get("/v1/aggregates/cart/c-1/events?fromVersion=2&limit=10")).get("events").size() == 3);
        assertThat(json(http.get("/v1/aggregates/cart/c-1/events?limit=2")).get("events").size()).isEqualTo(2);
    }

    @Test
    void shouldListLiveMemoriesNewestFirstAndDropDeletedAfterInvalidation() throws Exception {
        Instant now = Instant.now();
        fx.putMemory("m-1", "u-1", "first", now.minusSeconds(30));
        fx.putMemory("m-2", "u-1", "second", now.minusSeconds(20));
        fx.putMemory("m-3", "u-1", "third", now.minusSeconds(10));
        fx.putMemory("m-4", "u-2", "other user", now);
        fx.deleteMemory("m-1");

        JsonNode list = json(http.get("/v1/memories?userId=u-1&limit=10"));
        fx.deleteMemory("m-3");
        fx.invalidate("memories:user:producer-1/u-1", "memories", 2);

        assertThat(list.get("memories").valueStream().map(m -> m.get("memoryId").asString()).toList())
                .containsExactly("m-3", "m-2");
        ReadFixture.await("the deleted memory gone", WAIT,
                () -> json(http.get("/v1/memories?userId=u-1&limit=10")).get("memories").size() == 1);
    }

    @Test
    void shouldServeOneMemoryAndOneContextAndSeeChangesAfterInvalidation() throws Exception {
        fx.putMemory("m-one", "u-9", "hello", Instant.now());
        fx.putMcpContext("ctx-one", "{\"tool\":\"calc\",\"x\":1}");

        HttpResponse<String> memory = http.get("/v1/memories/m-one");
        HttpResponse<String> context = http.get("/v1/mcp-contexts/ctx-one");
        fx.deleteMemory("m-one");
        fx.invalidate("memory:producer-1/m-one", "memories", 2);

        assertThat(memory.statusCode()).isEqualTo(200);
        assertThat(json(memory).get("content").asString()).isEqualTo("hello");
        assertThat(json(context).get("data").get("x").asInt()).isEqualTo(1);
        ReadFixture.await("the deleted memory answered 404", WAIT, () -> http.get("/v1/memories/m-one").statusCode() == 404);
        assertThat(http.get("/v1/mcp-contexts/ctx-none").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListMcpContextsOfOneTool() {
        fx.putMcpContext("ctx-1", "{\"tool\":\"search\",\"q\":\"a\"}");
        fx.putMcpContext("ctx-2", "{\"tool\":\"browse\"}");
        fx.putMcpContext("ctx-3", "{\"tool\":\"search\",\"q\":\"b\"}");

        JsonNode contexts = json(http.get("/v1/mcp-contexts?tool=search&limit=10"));

        assertThat(contexts.valueStream().map(c -> c.get("contextId").asString()).toList())
                .containsExactlyInAnyOrder("ctx-1", "ctx-3");
        assertThat(contexts.get(0).get("data").get("tool").asString()).isEqualTo("search");
    }

    @Test
    void shouldCountEventsByTypeOverTheRangeOnTheAnalyticsPool() {
        fx.putEvent("stat", "s-1", 1, "stat.a", "{}");
        fx.putEvent("stat", "s-1", 2, "stat.b", "{}");
        fx.putEvent("stat", "s-2", 1, "stat.a", "{}");
        String since = Instant.now().minusSeconds(600).toString();

        JsonNode report = json(http.get("/v1/stats/event-types?since=" + since));
        JsonNode empty = json(http.get("/v1/stats/event-types?since=2020-01-01T00:00:00Z&until=2020-02-01T00:00:00Z"));

        Map<String, Long> byType = new HashMap<>();
        report.get("eventTypes").forEach(c -> byType.put(c.get("eventType").asString(), c.get("events").asLong()));
        assertThat(byType).containsEntry("stat.a", 2L).containsEntry("stat.b", 1L);
        assertThat(report.get("total").asLong()).isEqualTo(byType.values().stream().mapToLong(Long::longValue).sum());
        assertThat(empty.get("total").asLong()).isZero();
    }

    @Test
    void shouldExposeHealthAndCachePoolAndRequestMetricsOnTheManagementPortOnly() {
        http.get("/v1/aggregates/order/warm-mid");
        Http management = Http.management(app);

        HttpResponse<String> health = management.get("/actuator/health");
        HttpResponse<String> prometheus = management.get("/actuator/prometheus");
        HttpResponse<String> publicHealth = http.get("/actuator/health");
        HttpResponse<String> publicPrometheus = http.get("/actuator/prometheus");

        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(publicHealth.statusCode()).as("no actuator on the public port").isEqualTo(404);
        assertThat(publicPrometheus.statusCode()).isEqualTo(404);
        assertThat(publicHealth.body()).doesNotContain("readSide", "UP");
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("readSide").contains("\"redisL2\":\"available\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("read_cache_requests_total{", "layer=\"l1\"", "read_cache_evictions_total",
                "read_cache_l2_available", "hikaricp_connections_active{pool=\"read\"}",
                "hikaricp_connections_active{pool=\"analytics\"}", "http_server_requests_seconds_bucket",
                "cache_gets_total{cache=\"read-l1\"", "kafka_consumer_fetch_manager_records_lag_max", "db_query_seconds_count{",
                "query=\"select aggregates\"", "access_authentications_total{");
    }

    private static double count(String view, String layer, String result) {
        Counter c = metrics.find("read.cache.requests").tags("view", view, "layer", layer, "result", result).counter();
        return c == null ? 0 : c.count();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }
}
