package io.eventpipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.Scope;
import io.eventpipeline.read.support.Http;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Reads are authenticated against real servers: no, a malformed or an unknown key is a 401, a key without the
 * {@code read} scope or a revoked one a 403 (within about a second of the revocation), repeated failures a 429,
 * each as problem+json that no cache stores; the OpenAPI document is public. The failure limit is per client
 * address, so the test that exhausts it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadAccessIT {

    private static final String PATH = "/v1/aggregates/order/o-1";

    private static ReadFixture fx;
    private static ConfigurableApplicationContext app;
    private static Http http;

    @BeforeAll
    static void startService() {
        fx = new ReadFixture("read_access_it", TestServers.shared());
        fx.putAggregate("order", "o-1", 1, "order.placed", Instant.now());
        Map<String, Object> env = fx.environment(fx.servers.redisUrl());
        env.put("AUTH_FAILURE_LIMIT", "12");
        app = ReadApiApplication.builder().properties(env).run();
        http = new Http(app, null);
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
    @Order(1)
    void shouldRefuseAReadWithoutAUsableKeyWith401BeforeLookingAtParameters() {
        HttpResponse<String> none = http.get(PATH);
        HttpResponse<String> malformed = http.get(PATH, "Authorization", "Bearer x");
        HttpResponse<String> unknown = http.get(PATH, "Authorization", "Bearer ep_unknown_key_0123456789");
        HttpResponse<String> badParameter = http.get("/v1/aggregates/order/o-1/events?fromVersion=abc");

        for (HttpResponse<String> refused : new HttpResponse[] {none, malformed, unknown, badParameter}) {
            assertProblem(refused, 401, "unauthorized");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"event-pipeline\"");
        }
    }

    @Test
    @Order(2)
    void shouldRefuseAKeyWithoutTheReadScopeWith403() {
        HttpResponse<String> produceOnly = http.withKey(fx.apiKey(ReadFixture.PRODUCER, Scope.PRODUCE)).get(PATH);

        assertProblem(produceOnly, 403, "insufficient-scope");
        assertThat(produceOnly.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"insufficient_scope\"", "scope=\"read\""));
        assertThat(http.withKey(fx.readKey).get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void shouldRefuseARevokedKeyWithinASecondOfItsRevocation() throws Exception {
        ApiKeyStore keys = fx.keys();
        ApiKeyStore.Created created = keys.create(ReadFixture.PRODUCER, null, Set.of(Scope.READ));
        Http reader = http.withKey(created.plainKey());
        assertThat(reader.get(PATH).statusCode()).isEqualTo(200);

        long revokedAt = System.nanoTime();
        keys.revoke(created.key().id());
        ReadFixture.await("the revoked key refused", Duration.ofSeconds(10), () -> reader.get(PATH).statusCode() == 403);
        long millis = (System.nanoTime() - revokedAt) / 1_000_000;

        assertProblem(reader.get(PATH), 403, "forbidden");
        assertThat(millis).as("revocation took effect after %d ms", millis).isLessThan(1_500);
    }

    @Test
    @Order(4)
    void shouldServeTheOpenApiDocumentWithoutAKey() {
        HttpResponse<String> doc = http.get("/v1/openapi.yaml");

        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(doc.body()).contains("title: Event pipeline read API", "/v1/aggregates/{aggregateType}/{aggregateId}");
    }

    @Test
    @Order(5)
    void shouldAnswer429WithRetryAfterWhenOneClientKeepsFailing() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 20 && (last == null || last.statusCode() != 429); i++) {
            last = http.get(PATH, "Authorization", "Bearer ep_guess_" + i + "_0123456789");
        }

        assertProblem(last, 429, "too-many-failed-authentications");
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(http.withKey(fx.readKey).get(PATH).statusCode()).as("limited before any key is looked at").isEqualTo(429);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().allValues("Vary")).containsExactly("Authorization");
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://eventpipeline.io/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
