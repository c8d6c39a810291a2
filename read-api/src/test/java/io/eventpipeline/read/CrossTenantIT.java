package io.eventpipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.access.Scope;
import io.eventpipeline.read.support.Http;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.CacheKeys;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two producers (tenants) with the same ids in both namespaces × every endpoint and every projection (stream
 * heads, events, memories, MCP contexts, stats), against real Postgres, Redis and Kafka: each key reads only
 * its own producer's data, through both cache layers, and its ETags never validate the other's answers.
 */
class CrossTenantIT {

    private static final String A = "tenant-a";
    private static final String B = "tenant-b";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One endpoint: a text only A's answer holds and one only B's answer holds. */
    record Endpoint(String path, String onlyA, String onlyB) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/v1/aggregates/order/o-1", "a.order.paid", "b.order.paid"),
            new Endpoint("/v1/aggregates/cart/c-1/events?limit=10", "owner-a", "owner-b"),
            new Endpoint("/v1/events?contains=%7B%22kind%22%3A%22shared%22%7D", "owner-a", "owner-b"),
            new Endpoint("/v1/memories?userId=u-1", "memory of a", "memory of b"),
            new Endpoint("/v1/memories/m-1", "memory of a", "memory of b"),
            new Endpoint("/v1/mcp-contexts/ctx-1", "owner-a", "owner-b"),
            new Endpoint("/v1/mcp-contexts?tool=search", "owner-a", "owner-b"),
            new Endpoint("/v1/stats/event-types?since=" + Instant.now().minusSeconds(3600) + "&until="
                    + Instant.now().plusSeconds(3600), "a.cart.added", "b.cart.added"));

    private static ReadFixture fx;
    private static ConfigurableApplicationContext app;
    private static Http asA;
    private static Http asB;
    private static Http asC;

    @BeforeAll
    static void startService() {
        fx = new ReadFixture("read_cross_tenant_it", TestServers.shared());
        for (String p : List.of(A, B)) {
            String owner = p.equals(A) ? "a" : "b";
            fx.rows(p).putAggregate("order", "o-1", p.equals(A) ? 3 : 7, owner + ".order.paid", Instant.now())
                    .putEvent("cart", "c-1", 1, owner + ".cart.added", "{\"owner\":\"owner-" + owner + "\",\"kind\":\"shared\"}")
                    .putMemory("m-1", "u-1", "memory of " + owner, Instant.now().minusSeconds(5))
                    .putMcpContext("ctx-1", "{\"tool\":\"search\",\"owner\":\"owner-" + owner + "\"}");
        }
        fx.rows(A).putAggregate("order", "only-a", 1, "a.order.placed", Instant.now())
                .putEvent("cart", "c-1", 2, "a.cart.added", "{\"owner\":\"owner-a\",\"kind\":\"shared\"}")
                .putMemory("m-2", "u-1", "second memory of a", Instant.now())
                .putMcpContext("ctx-only-a", "{\"tool\":\"search\",\"owner\":\"owner-a\"}");
        Map<String, Object> env = fx.environment(fx.servers.redisUrl());
        env.put("CACHE_WARM_AGGREGATES", "100");
        app = ReadApiApplication.builder().properties(env).run();
        Http http = new Http(app, null);
        asA = http.withKey(fx.apiKey(A, Scope.READ));
        asB = http.withKey(fx.apiKey(B, Scope.READ, Scope.PRODUCE));
        asC = http.withKey(fx.apiKey("tenant-c", Scope.READ));
    }

    @AfterAll
    static void stopService() {
        if (app != null) {
            app.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void shouldAnswerEachProducerWithItsOwnDataOnEveryEndpointWhateverWasCachedFirst() {
        for (Endpoint e : ENDPOINTS) {
            // A first (it fills both layers), then B, then A again from the cache: no layer mixes them.
            String a = ok(asA.get(e.path())).body();
            String b = ok(asB.get(e.path())).body();
            String aAgain = ok(asA.get(e.path())).body();

            assertThat(a).as("A on %s", e.path()).contains(e.onlyA()).doesNotContain(e.onlyB());
            assertThat(b).as("B on %s", e.path()).contains(e.onlyB()).doesNotContain(e.onlyA());
            assertThat(aAgain).isEqualTo(a);
        }
    }

    @Test
    void shouldNeverLetOneProducersEtagValidateTheOthersAnswer() {
        for (Endpoint e : ENDPOINTS) {
            String etagA = ok(asA.get(e.path())).headers().firstValue("ETag").orElseThrow();
            String etagB = ok(asB.get(e.path())).headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> bWithA = asB.get(e.path(), "If-None-Match", etagA);
            HttpResponse<String> aWithA = asA.get(e.path(), "If-None-Match", etagA);
            HttpResponse<String> bWithB = asB.get(e.path(), "If-None-Match", etagB);

            assertThat(etagA).as(e.path()).isNotEqualTo(etagB);
            assertThat(bWithA.statusCode()).as("B sending A's ETag for %s", e.path()).isEqualTo(200);
            assertThat(bWithA.body()).contains(e.onlyB()).doesNotContain(e.onlyA());
            assertThat(aWithA.statusCode()).as(e.path()).isEqualTo(304);
            assertThat(bWithB.statusCode()).as(e.path()).isEqualTo(304);
            assertThat(bWithA.headers().allValues("Vary")).containsExactly("Authorization");
        }
    }

    @Test
    void shouldAnswerAProducerWithoutDataAsIfNothingExisted() {
        assertThat(asB.get("/v1/aggregates/order/only-a").statusCode()).isEqualTo(404);
        assertThat(asB.get("/v1/mcp-contexts/ctx-only-a").statusCode()).isEqualTo(404);
        assertThat(asB.get("/v1/memories/m-2").statusCode()).isEqualTo(404);
        for (Endpoint e : ENDPOINTS) {
            HttpResponse<String> c = asC.get(e.path());
            assertThat(c.body()).as("C on %s", e.path()).doesNotContain(e.onlyA(), e.onlyB());
            assertThat(c.statusCode()).isIn(200, 404);
        }
        assertThat(json(asC.get("/v1/memories?userId=u-1")).get("memories").isEmpty()).isTrue();
        assertThat(json(asC.get("/v1/aggregates/cart/c-1/events")).get("events").isEmpty()).isTrue();
        assertThat(json(asC.get(ENDPOINTS.get(2).path())).get("events").isEmpty()).isTrue();
        assertThat(json(asC.get(ENDPOINTS.getLast().path())).get("total").asLong()).isZero();
    }

    @Test
    void shouldEvictOnlyTheInvalidatedProducersEntry() throws Exception {
        assertThat(version(asA.get("/v1/aggregates/order/o-1"))).isEqualTo(3);
        assertThat(version(asB.get("/v1/aggregates/order/o-1"))).isEqualTo(7);
        fx.rows(A).putAggregate("order", "o-1", 4, "a.order.paid", Instant.now());
        fx.rows(B).putAggregate("order", "o-1", 8, "b.order.paid", Instant.now());

        fx.invalidate(CacheKeys.aggregate(A, "order", "o-1"), A + "/order/o-1", 4);

        ReadFixture.await("A's new version", WAIT, () -> version(asA.get("/v1/aggregates/order/o-1")) == 4);
        assertThat(version(asB.get("/v1/aggregates/order/o-1"))).as("B's entry was not evicted").isEqualTo(7);
        fx.invalidate(CacheKeys.aggregate(B, "order", "o-1"), B + "/order/o-1", 8);
        ReadFixture.await("B's new version", WAIT, () -> version(asB.get("/v1/aggregates/order/o-1")) == 8);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
        return response;
    }

    private static long version(HttpResponse<String> response) {
        return json(ok(response)).get("version").asLong();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }
}
