package io.eventpipeline.ingest.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.IngestApp;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context through the ingest-api (docs/decisions.md D5, issue 13 item 3): the caller's
 * {@code traceparent} is continued, answered in the response (also on problem+json) and written on every
 * {@code events.raw} record as a child span; without one a new trace starts and is answered.
 */
class TraceContextIT {

    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    private static IngestApp app;

    @BeforeAll
    static void start() {
        app = IngestApp.start("tracing", Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldAnswerTheCallersTraceAndPutAChildSpanOnTheRecordWhenATraceparentIsSent() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        String aggregate = "t-" + UUID.randomUUID();

        HttpResponse<String> response = post("/v1/events", app.apiKey(), "00-" + traceId + "-" + callerSpan + "-01",
                IngestApp.event(aggregate, "{}"));

        assertThat(response.statusCode()).isEqualTo(202);
        Matcher answered = parsed(response.headers().firstValue("traceparent").orElse(""));
        assertThat(answered.group(1)).isEqualTo(traceId);
        assertThat(answered.group(2)).isNotEqualTo(callerSpan);
        Matcher onRecord = parsed(traceparentOf(singleRecordOf(aggregate)));
        assertThat(onRecord.group(1)).isEqualTo(traceId);
        assertThat(onRecord.group(2)).isNotIn(callerSpan, answered.group(2));
    }

    @Test
    void shouldGiveEveryRecordOfABatchItsOwnSpanInTheCallersTrace() {
        String traceId = hex(16);
        String aggregate = "tb-" + UUID.randomUUID();
        String body = "[" + IntStream.range(0, 3).mapToObj(i -> IngestApp.event(aggregate, "{\"n\":" + i + "}"))
                .collect(Collectors.joining(",")) + "]";

        HttpResponse<String> response = post("/v1/events:batch", app.apiKey(), "00-" + traceId + "-" + hex(8) + "-01", body);

        assertThat(response.statusCode()).isEqualTo(202);
        List<Matcher> onRecords = recordsOf(aggregate).stream().map(r -> parsed(traceparentOf(r))).toList();
        assertThat(onRecords).hasSize(3).allSatisfy(m -> assertThat(m.group(1)).isEqualTo(traceId));
        assertThat(onRecords.stream().map(m -> m.group(2)).distinct()).hasSize(3);
    }

    @Test
    void shouldStartAndAnswerANewTraceWhenNoTraceparentIsSent() {
        String aggregate = "tn-" + UUID.randomUUID();

        HttpResponse<String> response = post("/v1/events", app.apiKey(), null, IngestApp.event(aggregate, "{}"));

        assertThat(response.statusCode()).isEqualTo(202);
        Matcher answered = parsed(response.headers().firstValue("traceparent").orElse(""));
        assertThat(answered.group(1)).isNotEqualTo("0".repeat(32));
        assertThat(parsed(traceparentOf(singleRecordOf(aggregate))).group(1)).isEqualTo(answered.group(1));
    }

    @Test
    void shouldAnswerTheTraceOnProblemResponsesToo() {
        String traceId = hex(16);
        String traceparent = "00-" + traceId + "-" + hex(8) + "-01";

        HttpResponse<String> unauthorized = post("/v1/events", "not-a-key", traceparent, IngestApp.event("x", "{}"));
        HttpResponse<String> malformed = post("/v1/events", app.apiKey(), traceparent, "{not json");
        HttpResponse<String> noRoute = post("/v1/nothing-here", app.apiKey(), traceparent, "{}");

        assertThat(List.of(unauthorized, malformed, noRoute)).allSatisfy(r -> {
            assertThat(r.statusCode()).isBetween(400, 499);
            assertThat(parsed(r.headers().firstValue("traceparent").orElse("")).group(1)).isEqualTo(traceId);
        });
        assertThat(unauthorized.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void shouldHaveNoSpanExporterWhenNoOtlpEndpointIsSet() {
        assertThat(app.beans(SpanExporter.class)).isEmpty();
    }

    static Matcher parsed(String traceparent) {
        Matcher m = TRACEPARENT.matcher(traceparent);
        assertThat(m.matches()).as("a W3C traceparent: '%s'", traceparent).isTrue();
        return m;
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }

    static String traceparentOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header on %s", record.key()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, String> singleRecordOf(String aggregate) {
        List<ConsumerRecord<String, String>> records = recordsOf(aggregate);
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String aggregate) {
        return app.rawRecords().stream().filter(r -> r.value().contains(aggregate)).toList();
    }

    private static HttpResponse<String> post(String path, String apiKey, String traceparent, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return app.send(request.build());
    }
}
