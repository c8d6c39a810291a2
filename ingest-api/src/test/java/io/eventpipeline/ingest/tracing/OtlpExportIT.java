package io.eventpipeline.ingest.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.testsupport.Await;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code OTEL_EXPORTER_OTLP_ENDPOINT} set, recorded spans are posted as OTLP/HTTP to
 * {@code <endpoint>/v1/traces} (here a local HTTP server standing in for a collector); without it the
 * service has no exporter at all ({@link TraceContextIT}'s app).
 */
class OtlpExportIT {

    private static final List<byte[]> BODIES = new CopyOnWriteArrayList<>();
    private static final List<String> PATHS = new CopyOnWriteArrayList<>();
    private static HttpServer collector;
    private static IngestApp app;

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            var body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            PATHS.add(exchange.getRequestURI().getPath());
            BODIES.add(body.toByteArray());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        app = IngestApp.start("otlp", Map.of(TracingSettings.OTLP_ENDPOINT,
                "http://127.0.0.1:" + collector.getAddress().getPort(), "OTEL_SERVICE_NAME", "ingest-api-otlp-it"));
    }

    @AfterAll
    static void stop() {
        app.close();
        collector.stop(0);
    }

    @Test
    void shouldPostTheRequestsSpansToTheCollectorWhenAnEndpointIsSet() {
        String traceId = TraceContextIT.hex(16);
        HttpRequest request = HttpRequest.newBuilder(app.uri("/v1/events")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + app.apiKey())
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .header("traceparent", "00-" + traceId + "-" + TraceContextIT.hex(8) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(IngestApp.event("otlp-" + UUID.randomUUID(), "{}"))).build();

        assertThat(app.send(request).statusCode()).isEqualTo(202);

        byte[] id = HexFormat.of().parseHex(traceId);
        Await.until(Duration.ofSeconds(60), "spans of trace " + traceId + " at the collector",
                () -> BODIES.stream().anyMatch(body -> contains(body, id)));
        assertThat(PATHS).contains("/v1/traces");
        assertThat(app.bean(OtlpHttpSpanExporter.class)).isNotNull();
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
