package io.eventpipeline.projection.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.projection.batch.Failures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionManagerIT {

    private static final Clock MID_NOVEMBER_2026 = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
    private WriterFixture fx;

    @BeforeAll
    void start() {
        fx = new WriterFixture("partition_it");
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @Test
    void shouldPremakeTheCurrentAndNextMonthsWhenUpkeepRuns() {
        PartitionManager partitions = new PartitionManager(fx.dsl, MID_NOVEMBER_2026, Duration.ofMillis(500));

        partitions.premake(3);

        assertThat(names(partitions)).contains("events_2026_11", "events_2026_12", "events_2027_01", "events_2027_02")
                .doesNotContain("events_2027_03");
    }

    @Test
    void shouldDetachOrDropPartitionsOlderThanRetentionWhenRetentionApplies() {
        PartitionManager partitions = new PartitionManager(fx.dsl, MID_NOVEMBER_2026, Duration.ofMillis(500));
        partitions.ensureMonths(List.of(YearMonth.of(2025, 1), YearMonth.of(2026, 4), YearMonth.of(2026, 5)));
        fx.execute("INSERT INTO events (producer_id, event_id, aggregate_type, aggregate_id, event_version, event_type, "
                + "created_at, event_data) VALUES ('p-1', gen_random_uuid(), 'order', 'o-old', 1, 'order.placed', '2025-01-05Z', '{}')");

        List<String> detached = partitions.applyRetention(Period.ofMonths(6), false);

        assertThat(detached).contains("events_2025_01", "events_2026_04").doesNotContain("events_2026_05");
        assertThat(names(partitions)).doesNotContain("events_2025_01", "events_2026_04").contains("events_2026_05");
        assertThat(fx.count("SELECT count(*) FROM events_2025_01")).as("a detached partition keeps its rows").isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM events WHERE aggregate_id = 'o-old'")).isZero();

        fx.execute("ALTER TABLE events ATTACH PARTITION events_2025_01 FOR VALUES FROM ('2025-01-01Z') TO ('2025-02-01Z')");
        partitions.applyRetention(Period.ofMonths(6), true);

        assertThat(fx.count("SELECT count(*) FROM pg_class WHERE relname = 'events_2025_01'")).isZero();
    }

    @Test
    void shouldGiveUpWithinBoundedTimeWhenAReaderHoldsTheParentLock() throws Exception {
        PartitionManager partitions = new PartitionManager(fx.dsl, MID_NOVEMBER_2026, Duration.ofMillis(100));
        try (Connection reader = DriverManager.getConnection(fx.jdbcUrl, fx.servers.databaseUser(),
                fx.servers.databasePassword()); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("LOCK TABLE events IN ACCESS SHARE MODE");

            long started = System.nanoTime();
            assertThatThrownBy(() -> partitions.ensureMonths(List.of(YearMonth.of(2031, 1))))
                    .satisfies(e -> assertThat(Failures.sqlState(e)).isEqualTo("55P03"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

            reader.rollback();
        }
        partitions.ensureMonths(List.of(YearMonth.of(2031, 1)));
        assertThat(names(partitions)).contains("events_2031_01");
    }

    @Test
    void shouldCountRowsInADefaultPartitionWhenOneExists() {
        PartitionManager partitions = new PartitionManager(fx.dsl, MID_NOVEMBER_2026, Duration.ofMillis(500));
        assertThat(partitions.defaultPartitionRows()).isEmpty();
        fx.execute("CREATE TABLE events_default PARTITION OF events DEFAULT");
        fx.execute("INSERT INTO events (producer_id, event_id, aggregate_type, aggregate_id, event_version, event_type, "
                + "created_at, event_data) VALUES ('p-1', gen_random_uuid(), 'order', 'o-x', 1, 'order.placed', '2040-06-01Z', '{}')");

        assertThat(partitions.defaultPartitionRows()).contains(1L);
        try (PartitionUpkeep upkeep = new PartitionUpkeep(partitions, 0, null, false, Duration.ofHours(1),
                new SimpleMeterRegistry())) {
            upkeep.runOnce();
            assertThat(upkeep.defaultPartitionRows()).as("the value the metric exports").isEqualTo(1.0);
        }

        fx.execute("DROP TABLE events_default");
    }

    private static List<String> names(PartitionManager partitions) {
        return partitions.attached().stream().map(PartitionManager.AttachedPartition::name).toList();
    }
}
