package io.eventpipeline.sql.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Query monitoring against a real PostgreSQL: timing, failures, EXPLAIN only of plain reads on a read pool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryAnalysisIT {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PlanAdvice> advice = new CopyOnWriteArrayList<>();
    private HikariDataSource pool;
    private DSLContext dsl;

    @BeforeAll
    void start() {
        Infrastructure servers = TestServers.shared();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(servers.freshDatabase("query_it"));
        config.setUsername(servers.databaseUser());
        config.setPassword(servers.databasePassword());
        config.setMaximumPoolSize(3);
        pool = new HikariDataSource(config);
        Explainer explainer = new Explainer(pool, "read", new PlanAdvisor(1000), registry, advice::add);
        dsl = dsl(new QueryTimingListener(registry, "read", Duration.ZERO, explainer));
        dsl.execute("CREATE TABLE notes (id bigint PRIMARY KEY, owner varchar NOT NULL, body text)");
        dsl.execute("INSERT INTO notes SELECT g, 'owner-' || (g % 500), md5(g::text) FROM generate_series(1, 20000) g");
        dsl.execute("ANALYZE notes");
        advice.clear();
    }

    @AfterAll
    void stop() {
        pool.close();
    }

    @Test
    void shouldSuggestAnIndexWhenASlowReadSeqScans() {
        dsl.select(field("id")).from(table("notes")).where(field("owner").eq("owner-7")).fetch();

        assertThat(advice).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(PlanAdvice.Kind.SEQ_SCAN);
            assertThat(a.query()).isEqualTo("select notes");
            assertThat(a.suggestion()).contains("Seq Scan on notes").contains("owner").contains("index");
        });
        assertThat(registry.find("db.query").tag("pool", "read").tag("query", "select notes").timer()).isNotNull();
    }

    @Test
    void shouldNeverExplainAWriteOrAFunctionCallWhenSlow() {
        long explainedBefore = advice.size();

        dsl.update(table("notes")).set(field("body"), "x").where(field("owner").eq("owner-9")).execute();
        dsl.fetch("SELECT set_config('application_name', 'q', true) FROM notes WHERE owner = 'owner-3'");

        assertThat(advice).hasSize((int) explainedBefore);
        assertThat(registry.find("db.query").tag("query", "update notes").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldCountAFailedQueryWithItsSqlState() {
        assertThatThrownBy(() -> dsl.fetch("SELECT no_such_column FROM notes"));

        assertThat(registry.get("db.query.failures").tag("pool", "read").tag("query", "select notes")
                .tag("sqlstate", "42703").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseToExplainOnTheWritePool() {
        assertThatThrownBy(() -> new Explainer(pool, "write", new PlanAdvisor(1), registry, a -> { }))
                .hasMessageContaining("never runs on the write pool");
    }

    private DSLContext dsl(QueryTimingListener listener) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(pool);
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(DefaultExecuteListenerProvider.providers(listener));
        return DSL.using(configuration);
    }
}
