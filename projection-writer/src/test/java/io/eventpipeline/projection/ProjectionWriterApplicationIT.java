package io.eventpipeline.projection;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The service as `local` starts it: builder(), configuration from variables, actuator on HTTP_PORT. */
class ProjectionWriterApplicationIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeHealthAndMetricsAndWriteEventsWhenStartedByItsBuilder() throws Exception {
        try (WriterFixture fx = new WriterFixture("app_it", TestServers.shared(), null, false)) {
            Map<String, Object> env = Map.of(
                    "HTTP_PORT", "0",
                    "KAFKA_BOOTSTRAP_SERVERS", fx.servers.kafkaBootstrapServers(),
                    "DATABASE_URL", fx.jdbcUrl,
                    "DATABASE_USER", fx.servers.databaseUser(),
                    "DATABASE_PASSWORD", fx.servers.databasePassword(),
                    "TOPIC_PREFIX", fx.prefix,
                    "TOPIC_PARTITIONS", "3",
                    "WRITER_GROUP_ID", fx.group);
            try (ConfigurableApplicationContext app = ProjectionWriterApplication.builder().properties(env).run()) {
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                fx.sendAll(List.of(event("order", "o-app", "order.placed", 1, Instant.now(), "{}")));
                WriterFixture.await("the event stored", Duration.ofSeconds(60),
                        () -> fx.count("SELECT count(*) FROM events") == 1);

                WriterFixture.await("ready", Duration.ofSeconds(30),
                        () -> get(base + "/actuator/health/readiness").statusCode() == 200);
                HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
                HttpResponse<String> liveness = get(base + "/actuator/health/liveness");
                HttpResponse<String> health = get(base + "/actuator/health");
                HttpResponse<String> metrics = get(base + "/actuator/prometheus");

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("writer");
                assertThat(readiness.body()).contains("\"writer\"", "\"polling\":true", "\"positionedPartitions\":3");
                assertThat(liveness.statusCode()).isEqualTo(200);
                assertThat(liveness.body()).contains("writerThread");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("hikaricp_connections_pending", "writer_batch_size_records",
                        "writer_batch_write_seconds", "db_query_seconds", "writer_events_written_total",
                        "writer_consumer_paused", "writer_partitions_stopped", "writer_consumer_poll_age_seconds",
                        "db_pool_wait_observed_total", "kafka_consumer_fetch_manager_records_lag_max");
                assertThat(fx.count("SELECT count(*) FROM flyway_schema_history WHERE success"))
                        .as("the service migrated the empty database itself").isGreaterThanOrEqualTo(4);
            }
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
