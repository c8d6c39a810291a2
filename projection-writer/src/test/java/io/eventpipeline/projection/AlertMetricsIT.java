package io.eventpipeline.projection;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.testsupport.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The metrics the writer's alerts read (docs/decisions.md D8; docker/prometheus/alerts.yml), on the running
 * service's /actuator/prometheus under exactly the names the rules use: upkeep failures, the outbox backlog
 * (counted, not guessed: a batch nobody can publish yet shows as 1), every rejection reason from the start,
 * and readiness.
 */
class AlertMetricsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldExposeTheAlertedMetricsUnderTheirRuleNamesWhenTheWriterRuns() throws Exception {
        try (WriterFixture fx = new WriterFixture("alert_metrics", TestServers.shared(), null, false)) {
            Map<String, Object> env = Map.of("HTTP_PORT", "0",
                    "KAFKA_BOOTSTRAP_SERVERS", fx.servers.kafkaBootstrapServers(),
                    "DATABASE_URL", fx.jdbcUrl, "DATABASE_USER", fx.servers.databaseUser(),
                    "DATABASE_PASSWORD", fx.servers.databasePassword(),
                    "TOPIC_PREFIX", fx.prefix, "TOPIC_PARTITIONS", "3", "WRITER_GROUP_ID", fx.group,
                    "INVALIDATION_SWEEP_INTERVAL", "1s");
            try (ConfigurableApplicationContext app = ProjectionWriterApplication.builder().properties(env).run()) {
                String metrics = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")
                        + "/actuator/prometheus";
                fx.sendAll(List.of(event("order", "o-alerts", "order.placed", 1, Instant.now(), "{}")));
                WriterFixture.await("the event stored", Duration.ofSeconds(60),
                        () -> fx.count("SELECT count(*) FROM events") == 1);
                WriterFixture.await("ready", Duration.ofSeconds(60), () -> value(get(metrics), "writer_ready", "") == 1.0);
                WriterFixture.await("outbox counted empty", Duration.ofSeconds(60),
                        () -> value(get(metrics), "writer_invalidation_outbox_pending", "") == 0.0);

                // committed "in the future": older than no sweep's minimum age, so it stays pending
                fx.execute("INSERT INTO pending_invalidations (batch_id, data, committed_at)"
                        + " VALUES (gen_random_uuid(), '[]', now() + interval '1 day')");

                WriterFixture.await("the stuck batch counted", Duration.ofSeconds(60),
                        () -> value(get(metrics), "writer_invalidation_outbox_pending", "") == 1.0);
                String body = get(metrics);
                assertThat(value(body, "writer_partition_upkeep_failures_total", "")).isEqualTo(0.0);
                assertThat(RejectionReason.values()).allSatisfy(reason -> assertThat(
                        value(body, "writer_events_rejected_total", "reason=\"" + reason.wireName() + "\""))
                        .as(reason.wireName()).isEqualTo(0.0));
            }
        }
    }

    /** The sample of {@code name} whose labels contain {@code label}; NaN when there is none. */
    private static double value(String exposition, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(exposition);
        while (m.find()) {
            if (m.group(1) == null ? label.isEmpty() : m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    private String get(String url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
