package io.eventpipeline.ingest.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.IngestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code TRACING_ENABLED=false} (the benchmark's "off"): no traceparent in the response, none on the record. */
class TracingOffIT {

    private static IngestApp app;

    @BeforeAll
    static void start() {
        app = IngestApp.start("tracingoff", Map.of(TracingSettings.ENABLED, "false"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldNeitherAnswerNorForwardATraceWhenTracingIsOff() {
        String aggregate = "off-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(app.uri("/v1/events")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + app.apiKey())
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .header("traceparent", "00-" + TraceContextIT.hex(16) + "-" + TraceContextIT.hex(8) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(IngestApp.event(aggregate, "{}"))).build();

        HttpResponse<String> response = app.send(request);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("traceparent")).isEmpty();
        assertThat(app.rawRecords().stream().filter(r -> r.value().contains(aggregate)))
                .singleElement().satisfies(r -> assertThat(r.headers().lastHeader("traceparent")).isNull());
    }
}
