package io.eventpipeline.projection.consume;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.support.WriterFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Offsets never skip silently (issue 10 item 4): a partition whose records were deleted before the writer
 * stored them stops loudly (health, metric, a log line with the fix) while the others keep moving; the
 * operator's fix (set_projection_offset) resumes it without a restart.
 */
class StoppedPartitionsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldStopOnlyThePartitionThatLostRecordsAndResumeItWhenTheOperatorAcceptsTheLoss() throws Exception {
        try (WriterFixture fx = new WriterFixture("stopped_partitions_it");
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        fx.servers.kafkaBootstrapServers()))) {
            TopicPartition p0 = new TopicPartition(fx.logTopic(), 0);
            TopicPartition p1 = new TopicPartition(fx.logTopic(), 1);
            for (int i = 0; i < 5; i++) {
                fx.sendTo(0, event("order", "p0-" + i, "order.placed", 1, Instant.now(), "{}"));
            }
            deleteBefore(admin, p0, 3);
            fx.sendTo(1, event("order", "p1-0", "order.placed", 1, Instant.now(), "{}"));

            try (WriterRuntime writer = start(fx)) {
                WriterFixture.await("p1's event stored", WAIT, () -> fx.count("SELECT count(*) FROM events") == 1);
                WriterFixture.await("p0 stopped", WAIT, () -> writer.consumer().status().stopped().containsKey(p0.toString()));

                WriterStatus status = writer.consumer().status();
                assertThat(status.stopped().get(p0.toString())).contains("records 0..2 were deleted",
                        "SELECT set_projection_offset('" + fx.group + "', '" + fx.logTopic() + "', 0, 3)");
                assertThat(status.isReady(Duration.ofSeconds(30))).isFalse();
                assertThat(fx.registry.get("writer.partitions.stopped").gauge().value()).isEqualTo(1.0);
                assertThat(fx.registry.get("writer.partitions.stops").tag("reason", "log_truncated").counter().count())
                        .isEqualTo(1.0);
                assertThat(fx.count("SELECT count(*) FROM events WHERE aggregate_id LIKE 'p0-%'")).isZero();

                fx.execute("SELECT set_projection_offset('" + fx.group + "', '" + fx.logTopic() + "', 0, 3)");

                WriterFixture.await("p0's two remaining events stored", WAIT,
                        () -> fx.count("SELECT count(*) FROM events WHERE aggregate_id LIKE 'p0-%'") == 2);
                WriterFixture.await("ready again", WAIT, () -> writer.consumer().status().isReady(Duration.ofSeconds(30)));
            }

            for (int i = 1; i <= 3; i++) {
                fx.sendTo(1, event("order", "p1-" + i, "order.placed", 1, Instant.now(), "{}"));
            }
            deleteBefore(admin, p1, 4);
            fx.sendTo(2, event("order", "p2-0", "order.placed", 1, Instant.now(), "{}"));

            try (WriterRuntime restarted = start(fx)) {
                WriterFixture.await("p2's event stored", WAIT,
                        () -> fx.count("SELECT count(*) FROM events WHERE aggregate_id = 'p2-0'") == 1);
                WriterFixture.await("p1 stopped behind the log start", WAIT,
                        () -> restarted.consumer().status().stopped().containsKey(p1.toString()));
                assertThat(restarted.consumer().status().stopped().get(p1.toString()))
                        .contains("Postgres stores next offset 1 but the log starts at 4");
                assertThat(fx.count("SELECT count(*) FROM events WHERE aggregate_id LIKE 'p1-%'")).isEqualTo(1);
            }
        }
    }

    private static WriterRuntime start(WriterFixture fx) {
        return WriterRuntime.start(fx.settings(), fx.dsl, fx.registry, Clock.systemUTC(), AfterCommitHook.NONE);
    }

    private static void deleteBefore(Admin admin, TopicPartition tp, long offset) throws Exception {
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset))).all().get();
    }
}
