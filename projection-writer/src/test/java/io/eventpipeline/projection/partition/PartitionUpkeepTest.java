package io.eventpipeline.projection.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PartitionUpkeepTest {

    @Test
    void shouldCountEachFailedRunWhenPostgresCannotBeReached() {
        // nothing listens on port 1: every run fails at once, as it would with Postgres down
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        var dsl = DSL.using(unreachable, SQLDialect.POSTGRES);
        var registry = new SimpleMeterRegistry();
        var partitions = new PartitionManager(dsl, Clock.systemUTC(), Duration.ofSeconds(1));

        try (var upkeep = new PartitionUpkeep(partitions, 1, Period.ofMonths(12), false, Duration.ofHours(1), registry)) {
            upkeep.runOnce();
            upkeep.runOnce();
        }

        assertThat(registry.get("writer.partition.upkeep.failures").counter().count()).isEqualTo(2.0);
    }
}
