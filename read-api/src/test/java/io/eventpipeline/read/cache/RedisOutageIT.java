package io.eventpipeline.read.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.read.ReadApiApplication;
import io.eventpipeline.read.support.Http;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.servers.RedisProcess;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Redis is a cache, never a dependency of a read: with this class's own redis-server stopped, reads are still
 * answered (L1, then Postgres), invalidations still evict L1, and an eviction Redis missed is applied when it
 * is back (it keeps its data on disk here) before L2 is used again.
 */
class RedisOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ReadFixture fx;
    private static RedisProcess redis;
    private static ConfigurableApplicationContext app;
    private static Http http;
    private static MeterRegistry metrics;

    @BeforeAll
    static void start() throws Exception {
        fx = new ReadFixture("read_redis_outage_it", TestServers.shared());
        redis = RedisProcess.start(Files.createTempDirectory(Path.of("target"), "redis-outage-"), 0);
        Map<String, Object> env = fx.environment(redis.url());
        env.put("REDIS_TIMEOUT", "200ms");
        env.put("CACHE_L1_TTL", "1s");
        app = ReadApiApplication.builder().properties(env).run();
        http = new Http(app, fx.readKey);
        metrics = app.getBean(MeterRegistry.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void shouldAnswerReadsAndApplyMissedEvictionsWhenRedisGoesDownAndComesBack() throws Exception {
        fx.putAggregate("order", "o-cached", 1, "order.placed", Instant.now());
        fx.putAggregate("order", "o-cold", 7, "order.placed", Instant.now());
        assertThat(version(http.get("/v1/aggregates/order/o-cached"))).isEqualTo(1);
        ReadFixture.await("o-cached in L2", WAIT, () -> hget("aggregate:producer-1/order/o-cached") != null);
        try (var client = RedisClient.create(redis.url()); var c = client.connect()) {
            c.sync().set(fx.prefix + "control", "survives a restart");
        }

        redis.stop();
        ReadFixture.await("L2 seen as unavailable", WAIT, () -> gauge("read.cache.l2.available") == 0);
        HttpResponse<String> cold = http.get("/v1/aggregates/order/o-cold");
        fx.putAggregate("order", "o-cached", 2, "order.paid", Instant.now());
        fx.invalidate("aggregate:producer-1/order/o-cached", "producer-1/order/o-cached", 2);
        ReadFixture.await("the eviction kept pending", WAIT, () -> gauge("read.cache.l2.pending.evictions") >= 1);
        HttpResponse<String> afterInvalidation = http.get("/v1/aggregates/order/o-cached");
        HttpResponse<String> health = Http.management(app).get("/actuator/health");

        assertThat(cold.statusCode()).as("a key never cached is read from Postgres").isEqualTo(200);
        assertThat(version(cold)).isEqualTo(7);
        assertThat(afterInvalidation.statusCode()).isEqualTo(200);
        assertThat(version(afterInvalidation)).as("L1 evicted although Redis is down").isEqualTo(2);
        assertThat(health.statusCode()).as("a Redis outage degrades, it does not fail").isEqualTo(200);
        assertThat(health.body()).contains("\"redisL2\":\"bypassed\"");

        redis.restart();
        ReadFixture.await("L2 usable again", WAIT, () -> gauge("read.cache.l2.available") == 1);

        try (var client = RedisClient.create(redis.url()); StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().get(fx.prefix + "control")).as("Redis kept its data across the restart")
                    .isEqualTo("survives a restart");
        }
        assertThat(gauge("read.cache.l2.pending.evictions")).isZero();
        String stale = hget("aggregate:producer-1/order/o-cached");
        assertThat(stale == null || stale.contains("\"version\":2")).as("the stale v1 entry was evicted: %s", stale).isTrue();
        assertThat(version(http.get("/v1/aggregates/order/o-cached"))).isEqualTo(2);
    }

    @Test
    void shouldStartAndAnswerReadsWhenRedisIsUnreachableAtStartAndUseItOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        fx.putAggregate("order", "o-late-redis", 3, "order.placed", Instant.now());
        Map<String, Object> env = fx.environment("redis://127.0.0.1:" + port);
        env.put("REDIS_TIMEOUT", "200ms");
        try (ConfigurableApplicationContext second = ReadApiApplication.builder().properties(env).run()) {
            MeterRegistry secondMetrics = second.getBean(MeterRegistry.class);

            HttpResponse<String> read = new Http(second, fx.readKey).get("/v1/aggregates/order/o-late-redis");
            RedisProcess late = RedisProcess.start(null, port);
            try {
                ReadFixture.await("connected once Redis is up", WAIT,
                        () -> secondMetrics.get("read.cache.l2.available").gauge().value() == 1);

                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(version(read)).isEqualTo(3);
            } finally {
                late.close();
            }
        }
    }

    private static String hget(String cacheKey) {
        try (var client = RedisClient.create(redis.url()); var c = client.connect()) {
            return c.sync().hget(fx.prefix + cacheKey, "head");
        }
    }

    private static double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    private static long version(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body()).get("version").asLong();
    }
}
