package io.eventpipeline.projection.write;

import static io.eventpipeline.projection.support.WriterFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.config.WriterRuntime;
import io.eventpipeline.projection.consume.AfterCommitHook;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.schemas.RejectedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A late event for a retired month (past PARTITION_RETENTION, or its partition detached) goes to
 * events.rejected as partition_retired; it neither re-creates the month nor blocks its partition.
 */
class LateEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldRejectEventsOfRetiredMonthsAndKeepThePartitionMoving() {
        try (WriterFixture fx = new WriterFixture("late_events_it")) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            Instant twoYearsAgo = now.minusYears(2).toInstant();
            YearMonth nextMonth = YearMonth.from(now).plusMonths(1);
            Instant inNextMonth = nextMonth.atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant();

            try (WriterRuntime writer = WriterRuntime.start(fx.settings(200, Period.ofMonths(6)), fx.dsl, fx.registry,
                    Clock.systemUTC(), AfterCommitHook.NONE)) {
                fx.execute("ALTER TABLE events DETACH PARTITION " + PartitionManager.partitionName(nextMonth));
                fx.sendAll(List.of(
                        event("order", "o-old", "order.placed", 1, twoYearsAgo, "{}"),
                        event("order", "o-detached", "order.placed", 1, inNextMonth, "{}"),
                        event("order", "o-now", "order.placed", 1, Instant.now(), "{}")));
                WriterFixture.await("offsets past all 3 records", WAIT,
                        () -> fx.count("SELECT coalesce(sum(next_offset), 0) FROM projection_offsets") == 3);
            }

            assertThat(fx.count("SELECT count(*) FROM events")).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM events WHERE aggregate_id = 'o-now'")).isEqualTo(1);
            List<ConsumerRecord<String, RejectedEvent>> rejected = fx.rejectedUntil(r -> r.size() >= 2);
            assertThat(rejected).extracting(r -> r.value().reason().wireName()).containsExactly("partition_retired", "partition_retired");
            assertThat(rejected).extracting(r -> r.value().envelope().aggregateId())
                    .containsExactlyInAnyOrder("o-old", "o-detached");
            assertThat(fx.dsl.fetchValue("SELECT events_month_state({0})", nextMonth.atDay(1))).isEqualTo("detached");
            assertThat(fx.dsl.fetchValue("SELECT events_month_state({0})",
                    YearMonth.from(now.minusYears(2)).atDay(1))).as("not re-created").isEqualTo("absent");
            assertThat(fx.registry.get("writer.events.rejected").tag("reason", "partition_retired").counter().count())
                    .isEqualTo(2.0);
        }
    }
}
