package io.eventpipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.read.support.Http;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The HTTP cache tier of every endpoint against real servers: ETag, Cache-Control and Vary on each answer,
 * If-None-Match answered 304, and an ETag that changes exactly when the data does: a change the answer does
 * not show (a write elsewhere, an eviction that reloads the same rows) keeps it, every change it shows moves it.
 */
class HttpCachingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ReadFixture fx;
    private static ConfigurableApplicationContext app;
    private static Http http;
    private static MeterRegistry metrics;

    @BeforeAll
    static void startService() {
        fx = new ReadFixture("read_http_caching_it", TestServers.shared());
        Map<String, Object> env = fx.environment(fx.servers.redisUrl());
        env.put("CACHE_WARM_AGGREGATES", "0");
        app = ReadApiApplication.builder().properties(env).run();
        http = new Http(app, fx.readKey);
        metrics = app.getBean(MeterRegistry.class);
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
    void shouldAnswer304WithTheSameHeadersAndNoBodyWhenTheEtagMatches() {
        fx.putAggregate("order", "o-304", 1, "order.placed", Instant.now());
        HttpResponse<String> first = http.get("/v1/aggregates/order/o-304");
        String etag = etag(first);

        HttpResponse<String> again = http.get("/v1/aggregates/order/o-304", "If-None-Match", etag);
        HttpResponse<String> inAList = http.get("/v1/aggregates/order/o-304", "If-None-Match", "W/\"other\", " + etag);
        HttpResponse<String> other = http.get("/v1/aggregates/order/o-304", "If-None-Match", "W/\"other\"");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate");
        assertThat(first.headers().allValues("Vary")).containsExactly("Authorization");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate");
        assertThat(again.headers().allValues("Vary")).containsExactly("Authorization");
        assertThat(inAList.statusCode()).isEqualTo(304);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());
    }

    @Test
    void shouldNeverLetACacheStoreARefusal() {
        HttpResponse<String> notFound = http.get("/v1/aggregates/order/absent");
        HttpResponse<String> invalid = http.get("/v1/memories");

        for (HttpResponse<String> refusal : List.of(notFound, invalid)) {
            assertThat(refusal.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(refusal.headers().firstValue("ETag")).isEmpty();
            assertThat(refusal.headers().allValues("Vary")).containsExactly("Authorization");
        }
    }

    @Test
    void shouldMoveTheHeadEtagWithTheVersionOnly() throws Exception {
        fx.putAggregate("order", "o-e", 1, "order.placed", Instant.now());
        String v1 = etag(http.get("/v1/aggregates/order/o-e"));

        invalidated("aggregate:producer-1/order/o-e", "producer-1/order/o-e", 1);
        String reloaded = etag(http.get("/v1/aggregates/order/o-e"));
        fx.putAggregate("order", "o-e", 2, "order.paid", Instant.now());
        invalidated("aggregate:producer-1/order/o-e", "producer-1/order/o-e", 2);
        String v2 = etag(http.get("/v1/aggregates/order/o-e"));

        assertThat(reloaded).as("evicted and loaded again, same row: same ETag").isEqualTo(v1);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(http.get("/v1/aggregates/order/o-e", "If-None-Match", v1).statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/aggregates/order/o-e", "If-None-Match", v2).statusCode()).isEqualTo(304);
    }

    @Test
    void shouldMoveAnEventPageEtagOnlyWhenAnAppendReachesThePage() throws Exception {
        fx.putEvent("cart", "c-e", 1, "cart.created", "{}");
        fx.putEvent("cart", "c-e", 2, "cart.item.added", "{}");
        String fullPage = etag(http.get("/v1/aggregates/cart/c-e/events?limit=2"));
        String openPage = etag(http.get("/v1/aggregates/cart/c-e/events?limit=10"));

        fx.putEvent("cart", "c-e", 3, "cart.item.added", "{}");
        invalidated("aggregate:producer-1/cart/c-e", "producer-1/cart/c-e", 3);
        String openPageAfter = etag(http.get("/v1/aggregates/cart/c-e/events?limit=10"));

        assertThat(etag(http.get("/v1/aggregates/cart/c-e/events?limit=2"))).as("the append is past a full page").isEqualTo(fullPage);
        assertThat(openPageAfter).isNotEqualTo(openPage);
        assertThat(fullPage).as("another page (URL) of the same aggregate").isNotEqualTo(openPage);
    }

    @Test
    void shouldMoveTheMemoryEtagsWhenAMemoryOfTheUserIsCreatedOrDeleted() throws Exception {
        fx.putMemory("m-e1", "u-e", "one", Instant.now().minusSeconds(10));
        String list = etag(http.get("/v1/memories?userId=u-e"));
        String one = etag(http.get("/v1/memories/m-e1"));

        fx.putMemory("m-other", "u-other", "not u-e's", Instant.now());
        invalidated("memories:user:producer-1/u-e", "memories", 1);
        String unchanged = etag(http.get("/v1/memories?userId=u-e"));
        fx.putMemory("m-e2", "u-e", "two", Instant.now());
        invalidated("memories:user:producer-1/u-e", "memories", 2);
        String created = etag(http.get("/v1/memories?userId=u-e"));
        fx.deleteMemory("m-e2");
        invalidated("memories:user:producer-1/u-e", "memories", 3);
        invalidated("memory:producer-1/m-e1", "memories", 3);
        String deleted = etag(http.get("/v1/memories?userId=u-e"));

        assertThat(unchanged).as("reloaded after another user's memory was stored").isEqualTo(list);
        assertThat(created).isNotEqualTo(list);
        assertThat(deleted).as("back to the same memories as at first").isEqualTo(list);
        assertThat(etag(http.get("/v1/memories/m-e1"))).as("reloaded, unchanged").isEqualTo(one);
    }

    @Test
    void shouldMoveTheMcpContextEtagsWhenTheDataIsOverwrittenWithOtherData() throws Exception {
        fx.putMcpContext("ctx-e", "{\"tool\":\"etag\",\"q\":\"a\"}");
        String one = etag(http.get("/v1/mcp-contexts/ctx-e"));
        String list = etag(http.get("/v1/mcp-contexts?tool=etag"));

        fx.putMcpContext("ctx-e", "{\"q\":\"a\",\"tool\":\"etag\"}");
        fx.putMcpContext("ctx-other-tool", "{\"tool\":\"other\"}");
        invalidated("mcp-context:producer-1/ctx-e", "mcp_contexts", 2);
        String sameData = etag(http.get("/v1/mcp-contexts/ctx-e"));
        String listSameData = etag(http.get("/v1/mcp-contexts?tool=etag"));
        fx.putMcpContext("ctx-e", "{\"tool\":\"etag\",\"q\":\"b\"}");
        invalidated("mcp-context:producer-1/ctx-e", "mcp_contexts", 3);
        String newData = etag(http.get("/v1/mcp-contexts/ctx-e"));

        assertThat(sameData).as("rewritten with the same data").isEqualTo(one);
        assertThat(listSameData).isEqualTo(list);
        assertThat(newData).isNotEqualTo(one);
        assertThat(etag(http.get("/v1/mcp-contexts?tool=etag"))).isNotEqualTo(list);
    }

    @Test
    void shouldMoveTheContainmentEtagOnlyWhenANewMatchArrives() {
        String path = "/v1/events?contains=%7B%22sku%22%3A%22etag-1%22%7D";
        fx.putEvent("cart", "c-gin", 1, "cart.item.added", "{\"sku\":\"etag-1\",\"qty\":1}");
        String before = etag(http.get(path));

        fx.putEvent("cart", "c-gin", 2, "cart.item.added", "{\"sku\":\"etag-2\"}");
        String otherSku = etag(http.get(path));
        fx.putEvent("cart", "c-gin", 3, "cart.item.added", "{\"sku\":\"etag-1\",\"qty\":2}");
        HttpResponse<String> newMatch = http.get(path, "If-None-Match", before);

        assertThat(otherSku).as("an event that does not match").isEqualTo(before);
        assertThat(http.get(path, "If-None-Match", before).statusCode()).isEqualTo(200);
        assertThat(newMatch.body()).contains("\"qty\":2", "\"qty\":1");
        assertThat(etag(newMatch)).isNotEqualTo(before);
    }

    @Test
    void shouldMoveTheStatsEtagWhenACountInTheRangeMoves() {
        Instant since = Instant.now().minusSeconds(600);
        String range = "/v1/stats/event-types?since=" + since + "&until=" + since.plusSeconds(1200);
        fx.putEvent("stat", "s-e", 1, "stat.etag", "{}");
        String before = etag(http.get(range));

        fx.putEventAt("stat", "s-e", 2, "stat.etag", "{}", since.minusSeconds(1));
        String outside = etag(http.get(range));
        fx.putEvent("stat", "s-e", 3, "stat.etag", "{}");
        HttpResponse<String> inside = http.get(range, "If-None-Match", before);

        assertThat(outside).as("an event before the range").isEqualTo(before);
        assertThat(http.get(range, "If-None-Match", before).statusCode()).isEqualTo(200);
        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(etag(inside)).isNotEqualTo(before);
    }

    /** Publishes an invalidation of {@code cacheKey} as the writer does and waits until this instance evicted it from L1. */
    private static void invalidated(String cacheKey, String aggregate, long version) throws Exception {
        double before = l1Evictions();
        fx.invalidate(cacheKey, aggregate, version);
        ReadFixture.await(cacheKey + " evicted", WAIT, () -> l1Evictions() > before);
    }

    private static double l1Evictions() {
        Counter l1 = metrics.find("read.cache.evictions").tag("layer", "l1").counter();
        return l1 == null ? 0 : l1.count();
    }

    private static String etag(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("GET answered 200: %s", response.body()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }
}
