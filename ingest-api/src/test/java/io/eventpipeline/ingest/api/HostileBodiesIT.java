package io.eventpipeline.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.IngestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Thousands of malformed or hostile bodies: every one gets a 2xx or a 4xx problem, never a 5xx. */
class HostileBodiesIT {

    private static final String VALID = """
            {"aggregateType":"order","aggregateId":"h-1","eventType":"order.placed","expectedVersion":2,\
            "occurredAt":"2026-11-27T08:00:00Z","payload":{"a":[1,2,{"b":null}],"s":"\\u00e9"},"metadata":{"trace":"x"}}""";
    private static final String[] FIXED = {
        "", " ", "null", "true", "0", "\"str\"", "[]", "{}", "[[]]", "[{}]", "{\"payload\":null}",
        "[".repeat(100_000), "{\"a\":".repeat(50_000), "[" + "1,".repeat(100_000) + "1]",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"order.placed\",\"payload\":{},\"expectedVersion\":1e999999}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"order.placed\",\"payload\":{},\"expectedVersion\":99999999999999999999999}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"../../../etc/passwd\",\"payload\":{}}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"memory.created\",\"payload\":{\"userId\":[],\"content\":{}}}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"order.placed\",\"payload\":{},\"eventId\":\"not-a-uuid\"}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"order.placed\",\"payload\":{},\"occurredAt\":\"2026-13-45T99:99:99Z\"}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"\\ud800\",\"eventType\":\"order.placed\",\"payload\":{\"\\u0000\":\"\\udfff\"}}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"" + "x".repeat(300_000) + "\",\"eventType\":\"order.placed\",\"payload\":{}}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"a/b\",\"eventType\":\"order.placed\",\"payload\":{}}",
        "{\"aggregateType\":\"order\",\"aggregateId\":\"x\",\"eventType\":\"order.placed\",\"payload\":{},\"__proto__\":{}}",
    };

    private static IngestApp app;

    @BeforeAll
    static void start() {
        app = IngestApp.start("hostile", Map.of("RATE_LIMIT_PER_SECOND", "100000", "RATE_LIMIT_BURST", "100000"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldNeverAnswer5xxWhenThousandsOfHostileBodiesArrive() throws Exception {
        Random random = new Random(20261127L);
        List<byte[]> bodies = new ArrayList<>();
        for (String fixed : FIXED) {
            bodies.add(fixed.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 3000; i++) {
            bodies.add(mutate(random, i));
        }
        Semaphore inFlight = new Semaphore(16);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < bodies.size(); i++) {
                byte[] body = bodies.get(i);
                String route = i % 3 == 0 ? "/v1/events:batch" : "/v1/events";
                byte[] sent = i % 3 == 0 && i % 2 == 0 ? ("[" + new String(body, StandardCharsets.ISO_8859_1) + "]").getBytes(StandardCharsets.ISO_8859_1) : body;
                String key = "hostile-" + i;
                inFlight.acquire();
                answers.add(pool.submit(() -> {
                    try {
                        return app.send(HttpRequest.newBuilder(app.uri(route))
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + app.apiKey())
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build());
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        }

        int accepted = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get();
            assertThat(r.statusCode()).as(r.body()).isIn(202, 400, 413, 422);
            if (r.statusCode() == 202) {
                accepted++;
            } else {
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            }
        }
        assertThat(answers).hasSizeGreaterThan(3000);
        // The mutations keep some bodies valid: the happy path is exercised alongside the hostile one.
        assertThat(accepted).isPositive();
    }

    private static byte[] mutate(Random random, int i) {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        return switch (i % 6) {
            case 0 -> {
                byte[] junk = new byte[random.nextInt(300)];
                random.nextBytes(junk);
                yield junk;
            }
            case 1 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                byte[] copy = valid.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                yield copy;
            }
            case 3 -> VALID.replace("\"h-1\"", typedJunk(random)).getBytes(StandardCharsets.UTF_8);
            case 4 -> VALID.replace("{\"trace\":\"x\"}", typedJunk(random)).getBytes(StandardCharsets.UTF_8);
            default -> VALID.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String typedJunk(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "[" + random.nextInt() + "]";
            case 3 -> "{\"k\":" + random.nextDouble() + "}";
            case 4 -> "\"" + "\\u0000".repeat(random.nextInt(10)) + "\"";
            case 5 -> "true";
            case 6 -> "\"" + "y".repeat(random.nextInt(400)) + "\"";
            default -> "1e308";
        };
    }
}
