package io.eventpipeline.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.IngestApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two ingest instances share one token bucket per producer in Redis, charged one token per event. */
class SharedRateLimitIT {

    private static IngestApp first;
    private static IngestApp second;

    @BeforeAll
    static void start() {
        String prefix = "it.bucket." + UUID.randomUUID().toString().substring(0, 8) + ".";
        // a bucket of 100 events refilled at 1 event/s, shared through the same Redis and prefix: the
        // margins below (20 and 60 events) hold even when a loaded machine takes seconds per request
        Map<String, String> settings = Map.of("TOPIC_PREFIX", prefix, "RATE_LIMIT_PER_SECOND", "1",
                "RATE_LIMIT_BURST", "100", "MAX_BATCH_EVENTS", "100");
        first = IngestApp.start("bucket_a", settings);
        second = IngestApp.start("bucket_b", settings);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void shouldChargeEveryEventToOneBucketSharedByBothInstances() {
        HttpResponse<String> sixtyOnFirst = first.post("/v1/events:batch", first.apiKey(), key(), batch(60));
        HttpResponse<String> sixtyOnSecond = second.post("/v1/events:batch", second.apiKey(), key(), batch(60));
        HttpResponse<String> fortyOnSecond = second.post("/v1/events:batch", second.apiKey(), key(), batch(40));
        HttpResponse<String> hundredOnFirst = first.post("/v1/events:batch", first.apiKey(), key(), batch(100));

        assertThat(sixtyOnFirst.statusCode()).isEqualTo(202);
        assertThat(sixtyOnSecond.statusCode()).as("60 + 60 events exceed the shared 100").isEqualTo(429);
        assertThat(sixtyOnSecond.body()).contains("rate-limited");
        assertThat(sixtyOnSecond.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isPositive());
        assertThat(fortyOnSecond.statusCode()).as("the 40 tokens the first instance left").isEqualTo(202);
        assertThat(hundredOnFirst.statusCode()).as("the second instance took what was left").isEqualTo(429);
        assertThat(fallbacks(first) + fallbacks(second)).as("decided by the shared bucket, not a local one").isZero();
    }

    private static double fallbacks(IngestApp app) {
        return app.bean(MeterRegistry.class).counter("ingest.rate_limit.fallback").count();
    }

    private static String batch(int events) {
        return IntStream.range(0, events).mapToObj(i -> IngestApp.event("b-" + i, "{}"))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }
}
