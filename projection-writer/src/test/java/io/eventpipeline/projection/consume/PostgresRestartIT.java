package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.servers.PostgresServer;
import io.eventpipeline.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Postgres of its own, stopped and started again under a running writer. */
class PostgresRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldLoseAndDoubleNothingWhenPostgresRestartsMidStream() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "pg-restart-");
        PostgresServer postgres = PostgresServer.start(dataDir, 0);
        int port = postgres.port();
        WriterFixture fx = new WriterFixture("pg_restart", TestServers.shared(), postgres.jdbcUrl("postgres"));
        try (WriterRuntime writer = WriterRuntime.start(fx.settings(50), fx.dsl, fx.registry, Clock.systemUTC(),
                AfterCommitHook.NONE)) {
            fx.sendAll(events(0, 100));
            WriterFixture.await("first 100 stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 100);

            postgres.close();
            fx.sendAll(events(100, 200));
            WriterFixture.await("the writer pauses on the outage", WAIT, () -> writer.consumer().isPaused());
            assertThat(writer.consumer().status().failure()).isNotNull();
            assertThat(writer.consumer().status().isReady(Duration.ofSeconds(30))).as("not ready while paused").isFalse();

            postgres = PostgresServer.start(dataDir, port);
            WriterFixture.await("all 200 stored after the restart", WAIT,
                    () -> fx.count("SELECT count(*) FROM events") == 200);
            WriterFixture.await("the writer resumes", WAIT, () -> !writer.consumer().isPaused());
            assertThat(writer.consumer().status().isReady(Duration.ofSeconds(30))).as("ready again").isTrue();
        } finally {
            fx.close();
        }
        try {
            assertThat(count(postgres, "SELECT count(DISTINCT event_id) FROM events")).isEqualTo(200);
            assertThat(count(postgres, "SELECT sum(event_count) FROM aggregates")).isEqualTo(200);
            assertThat(count(postgres, "SELECT sum(next_offset) FROM projection_offsets")).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private static List<EventEnvelope> events(int from, int to) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(event("order", "o-" + i, "order.placed", 1, Instant.now(), "{\"i\":" + i + "}"));
        }
        return events;
    }

    private static long count(PostgresServer postgres, String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, "");
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
