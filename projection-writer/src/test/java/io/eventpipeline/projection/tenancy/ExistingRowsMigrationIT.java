package io.eventpipeline.projection.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.projection.support.WriterFixture;
import io.eventpipeline.testsupport.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V5 (producers are tenants) on a database that already holds rows from before it: projection rows take
 * the producer of the event that made them, the rest the documented placeholder '(unattributed)'.
 */
class ExistingRowsMigrationIT {

    private static final String A_EVENT = "11111111-1111-1111-1111-111111111111";

    @Test
    void shouldAttributeExistingRowsToTheirEventsProducerOrThePlaceholderWhenMigrated() {
        String url = TestServers.shared().freshDatabase("tenancy_migration_it");
        String user = TestServers.shared().databaseUser();
        String password = TestServers.shared().databasePassword();
        Flyway.configure().dataSource(url, user, password).target("4").load().migrate();
        try (WriterFixture fx = new WriterFixture("tenancy_migration_it", TestServers.shared(), url, false)) {
            fx.execute("SELECT ensure_events_partition('2025-01-01')");
            fx.execute("INSERT INTO events (event_id, aggregate_type, aggregate_id, event_version, event_type, producer_id,"
                    + " created_at, event_data) VALUES"
                    + " ('" + A_EVENT + "', 'memory', 'm-1', 1, 'memory.created', 'p-a', '2025-01-02Z', '{}'),"
                    + " (gen_random_uuid(), 'order', 'o-1', 1, 'order.placed', NULL, '2025-01-02Z', '{}'),"
                    + " (gen_random_uuid(), 'mcp', 'c-1', 1, 'mcp.context.recorded', 'p-a', '2025-01-02Z', '{}'),"
                    + " (gen_random_uuid(), 'mcp', 'c-1', 2, 'mcp.context.recorded', 'p-b', '2025-01-03Z', '{}')");
            fx.execute("INSERT INTO aggregates (aggregate_type, aggregate_id, version, last_event_id, last_event_type,"
                    + " event_count) VALUES ('memory', 'm-1', 1, '" + A_EVENT + "', 'memory.created', 1),"
                    + " ('order', 'o-gone', 3, gen_random_uuid(), 'order.placed', 3)");
            fx.execute("INSERT INTO memories (memory_id, user_id, content, created_at) VALUES"
                    + " ('m-1', 'u-1', 'kept', '2025-01-02Z'), ('m-gone', 'u-1', 'retired', '2024-01-02Z')");
            fx.execute("INSERT INTO mcp_contexts (context_id, data, created_at) VALUES ('c-1', '{}', '2025-01-03Z')");

            WriterFixture.migrate(url, user, password);

            assertThat(fx.count("SELECT count(*) FROM events WHERE producer_id = '(unattributed)'")).isEqualTo(1);
            assertThat(fx.dsl.fetchValue("SELECT string_agg(aggregate_id || '=' || producer_id, ',' ORDER BY aggregate_id)"
                    + " FROM aggregates")).isEqualTo("m-1=p-a,o-gone=(unattributed)");
            assertThat(fx.dsl.fetchValue("SELECT string_agg(memory_id || '=' || producer_id, ',' ORDER BY memory_id)"
                    + " FROM memories")).isEqualTo("m-1=p-a,m-gone=(unattributed)");
            assertThat(fx.dsl.fetchValue("SELECT producer_id FROM mcp_contexts WHERE context_id = 'c-1'")).isEqualTo("p-b");
            assertThat(fx.count("SELECT count(*) FROM pg_constraint WHERE conname = 'events_pkey'"
                    + " AND pg_get_constraintdef(oid) = 'PRIMARY KEY (producer_id, event_id, created_at)'")).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM information_schema.columns WHERE is_nullable = 'YES'"
                    + " AND column_name = 'producer_id' AND table_name IN ('events', 'aggregates', 'memories', 'mcp_contexts')"))
                    .isZero();
        }
    }
}
