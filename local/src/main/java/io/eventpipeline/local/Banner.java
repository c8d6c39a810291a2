package io.eventpipeline.local;

import io.eventpipeline.schemas.config.Redacted;
import io.eventpipeline.servers.Infrastructure;
import java.net.URI;

/** What {@code ./run} prints once everything is up: where each part listens and a curl that works. */
final class Banner {

    private Banner() {
    }

    static String text(Infrastructure servers, LocalPipeline pipeline, LocalSettings settings, String apiKey) {
        String ingest = "http://localhost:" + pipeline.ingestPort();
        String curl = "curl -i -X POST " + ingest + "/v1/events \\\n"
                + "    -H 'Authorization: Bearer " + apiKey + "' \\\n"
                + "    -H \"Idempotency-Key: order-17-placed-$(date +%s)\" \\\n"
                + "    -H 'Content-Type: application/json' \\\n"
                + "    -d '{\"aggregateType\":\"order\",\"aggregateId\":\"o-17\",\"eventType\":\"order.placed\","
                + "\"payload\":{\"total\":42}}'";
        return """

                ==== event pipeline is running (Ctrl-C stops everything) ====
                  ingest-api         %s        (/v1/openapi.yaml)
                                     http://localhost:%d/actuator/health   (management port)
                  stream-processor   http://localhost:%d/actuator/health
                  projection-writer  http://localhost:%d/actuator/health
                  read-api           http://localhost:%d/v1/aggregates/order/o-17   (/v1/memories?userId=, /v1/stats/event-types)
                                     http://localhost:%d/actuator/health   (management port)
                  Kafka              %s
                  PostgreSQL         %s   user %s%s
                                     psql: %s
                  Redis              %s
                  data directory     %s

                Producer API key (producer "%s"): %s

                Send an event:
                  %s

                Read it back (the key's producer only; cached in Caffeine and Redis, evicted by the writer's invalidations):
                  curl -H 'Authorization: Bearer %s' http://localhost:%d/v1/aggregates/order/o-17

                See it in Postgres:
                  %s -c 'SELECT event_id, aggregate_id, event_version, tableoid::regclass FROM events'
                """.formatted(ingest, pipeline.ingestManagementPort(), pipeline.processorPort(), pipeline.writerPort(), pipeline.readPort(),
                pipeline.readManagementPort(),
                servers.kafkaBootstrapServers(),
                Redacted.url(servers.databaseUrl()), servers.databaseUser(), pgbouncerNote(servers), psql(servers), Redacted.url(servers.redisUrl()), settings.dataDir(),
                settings.producerId(), apiKey, curl, apiKey, pipeline.readPort(), psql(servers));
    }

    private static String pgbouncerNote(Infrastructure servers) {
        return servers.pgbouncer().map(b -> "\n                     (through PgBouncer, transaction mode; direct: "
                + Redacted.url(servers.directDatabaseUrl()) + ")").orElse("");
    }

    /** A psql command for the database, without any password (it is never printed). */
    static String psql(Infrastructure servers) {
        URI uri = URI.create(servers.databaseUrl().substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return "psql -h " + uri.getHost() + " -p " + port + " -U " + servers.databaseUser() + " " + database;
    }
}
