package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.RedisProcess;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service runs against a Redis that demands AUTH (credentials in {@code REDIS_URL}) and is given a
 * database password; whatever they print while starting, serving, losing Redis and reconnecting, neither
 * secret appears in any log line or stack trace. The console is what is captured: each Spring context
 * re-initialises logging, but every appender ends on {@code System.out}/{@code System.err}.
 */
class SecretsInLogsIT {

    private static final String REDIS_PASSWORD = "redis-pw-" + UUID.randomUUID();
    private static final String DATABASE_PASSWORD = "db-pw-" + UUID.randomUUID();
    private static final String API_KEY = "ep_secrets_" + UUID.randomUUID();
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static RedisProcess redis;
    private static LocalPipeline pipeline;

    @BeforeAll
    static void startPipelineAgainstAPasswordProtectedRedis() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(tee(originalOut));
        System.setErr(tee(originalErr));
        Infrastructure servers = TestServers.shared();
        redis = RedisProcess.start(null, 0, REDIS_PASSWORD);
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("DATABASE_URL", servers.freshDatabase("e2e_secrets"));
        // The embedded PostgreSQL trusts local connections, so any password works, and it must never be printed.
        env.put("DATABASE_PASSWORD", DATABASE_PASSWORD);
        env.put("REDIS_URL", redis.url());
        Path state = Files.createTempDirectory(Path.of("target"), "e2e-secrets-streams-");
        pipeline = LocalPipeline.start(env, new LocalPipeline.Options(0, 0, 0, 0, 0, "e2e-secrets.", state, API_KEY,
                "secrets-producer", Map.of("REDIS_TIMEOUT", "300ms")));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (redis != null) {
            redis.close();
        }
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void shouldNeverLogTheRedisOrDatabasePasswordWhenServingAndReconnecting() throws Exception {
        IngestClient producer = new IngestClient(pipeline, API_KEY);
        String body = """
                {"aggregateType":"order","aggregateId":"o-secret","eventType":"order.placed","payload":{"total":1}}""";

        assertThat(producer.post(body, "secret-1").statusCode()).isEqualTo(202);
        assertThat(keysInRedis()).as("the ingest-api authenticated and stored its claim").isPositive();
        redis.stop();
        assertThat(producer.post(body.replace("o-secret", "o-secret-2"), "secret-2").statusCode()).isEqualTo(202);
        readAggregate();
        redis.restart();
        assertThat(producer.post(body.replace("o-secret", "o-secret-3"), "secret-3").statusCode()).isEqualTo(202);

        String printed = console();
        assertThat(printed).as("what the services printed").contains("projection-writer settings", "Started");
        assertThat(printed).doesNotContain(REDIS_PASSWORD).doesNotContain(DATABASE_PASSWORD);
    }

    private static long keysInRedis() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().dbsize();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void readAggregate() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + pipeline.readPort() + "/v1/aggregates/order/o-secret"))
                .header("Authorization", "Bearer " + API_KEY).GET().build();
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String console() {
        synchronized (CONSOLE) {
            return CONSOLE.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes to {@code original} and to {@link #CONSOLE}. */
    private static PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (CONSOLE) {
                    CONSOLE.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (CONSOLE) {
                    CONSOLE.write(bytes, offset, length);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
