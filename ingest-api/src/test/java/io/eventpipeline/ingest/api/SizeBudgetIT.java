package io.eventpipeline.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.schemas.SizeBudget;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accepted means storable and within the size budget (issue 10): the real record bytes are checked, so the
 * issue's ~1,048,300-byte body, just under the 1 MiB body limit, is refused with 413 when its envelope is
 * over EVENT_MAX_BYTES, and nothing reaches events.raw; what Postgres cannot store is 422 with a pointer.
 */
class SizeBudgetIT {

    private static IngestApp app;

    @BeforeAll
    static void start() {
        app = IngestApp.start("budget", Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldRefuseWith413TheIssuesBodyWhoseEnvelopeExceedsTheBudget() {
        String key = "k-" + UUID.randomUUID() + "-" + "x".repeat(200);
        String body = bodyOf(1_048_300);

        HttpResponse<String> response = app.postEvent(key, body);

        assertThat(body.length()).isEqualTo(1_048_300).isLessThan(SizeBudget.DEFAULT_EVENT_MAX_BYTES);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large").contains("EVENT_MAX_BYTES");
        assertThat(app.rawRecords().stream().filter(r -> r.value().contains(key.substring(0, 38)))).isEmpty();
    }

    @Test
    void shouldAcceptABodyWhoseEnvelopeFitsAndWriteARecordWithinTheBudget() {
        String key = "k-" + UUID.randomUUID();

        HttpResponse<String> response = app.postEvent(key, bodyOf(1_040_000));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(app.rawRecords().stream().filter(r -> r.value().contains(key)))
                .singleElement().satisfies(r -> assertThat(r.serializedValueSize())
                        .isLessThanOrEqualTo(SizeBudget.DEFAULT_EVENT_MAX_BYTES));
    }

    @Test
    void shouldRefuseWith422AndAPointerWhatPostgresCannotStore() {
        HttpResponse<String> nulInId = app.postEvent("k-" + UUID.randomUUID(), IngestApp.event("o\\u00001", "{}"));
        HttpResponse<String> nulInKey = app.postEvent("k-" + UUID.randomUUID(), IngestApp.event("o-2", "{\"a\\u0000\":1}"));
        HttpResponse<String> hugeNumber = app.postEvent("k-" + UUID.randomUUID(), IngestApp.event("o-3", "{\"n\":1e999999}"));
        HttpResponse<String> badZone = app.postEvent("k-" + UUID.randomUUID(), """
                {"aggregateType":"order","aggregateId":"o-4","eventType":"order.placed","occurredAt":"2026-01-01T00:00:00+25:00","payload":{}}""");

        assertThat(nulInId.statusCode()).isEqualTo(422);
        assertThat(nulInId.body()).contains("validation-failed").contains("\"pointer\":\"/aggregateId\"");
        assertThat(nulInKey.body()).contains("\"pointer\":\"/payload/a\\u0000\"");
        assertThat(hugeNumber.statusCode()).isEqualTo(422);
        assertThat(hugeNumber.body()).contains("\"pointer\":\"/payload/n\"");
        assertThat(badZone.statusCode()).isEqualTo(422);
        assertThat(badZone.body()).contains("/occurredAt");
    }

    /** A valid single-event body of exactly {@code bytes} bytes. */
    private static String bodyOf(int bytes) {
        String head = "{\"aggregateType\":\"order\",\"aggregateId\":\"big-" + UUID.randomUUID()
                + "\",\"eventType\":\"order.placed\",\"payload\":{\"blob\":\"";
        String tail = "\"}}";
        return head + "a".repeat(bytes - head.length() - tail.length()) + tail;
    }
}
