package io.eventpipeline.read.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.read.query.ReadQueries;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query monitoring against a real Postgres: the read-api's queries timed by name, failures counted, and with
 * every statement "slow" (threshold 0) only named SELECTs explained: no function call, no DDL, nothing on a pool
 * without an explainer (the analytics pool).
 */
class QueryMonitorIT {

    private static ReadFixture fx;
    private static HikariDataSource pool;
    private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, List<String>> explained = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        fx = new ReadFixture("read_query_monitor_it", TestServers.shared());
        fx.putAggregate("order", "o-1", 2, "order.paid", Instant.now());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fx.jdbcUrl);
        config.setUsername(fx.servers.databaseUser());
        config.setPassword(fx.servers.databasePassword());
        config.setMaximumPoolSize(2);
        config.setAutoCommit(false);
        config.setReadOnly(true);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() {
        pool.close();
        background.close();
        fx.close();
    }

    @Test
    void shouldTimeNamedQueriesCountFailuresAndExplainOnlyNamedSelects() throws Exception {
        DSLContext read = dsl(new QueryMonitor(registry, "read", Duration.ZERO,
                new PlanExplainer(DSL.using(pool, SQLDialect.POSTGRES), background, registry, explained::put)));

        new ReadQueries(read).aggregate(ReadFixture.PRODUCER, "order", "o-1").orElseThrow();
        read.fetch("SELECT pg_sleep(0.01)");
        QueryName.of("named_function", () -> read.fetch("SELECT pg_sleep(0.01)"));
        assertThatThrownBy(() -> read.execute("CREATE TABLE never (x int)")).hasMessageContaining("read-only");
        assertThatThrownBy(() -> QueryName.of("broken", () -> read.fetch("SELECT * FROM no_such_table")));
        ReadFixture.await("the head query explained", Duration.ofSeconds(20), () -> explained.containsKey("aggregate_head"));

        assertThat(timer("read", "aggregate_head").count()).isEqualTo(1);
        assertThat(timer("read", "named_function").count()).isEqualTo(1);
        assertThat(failures("read", "broken")).isEqualTo(1);
        assertThat(failures("read", "unnamed")).as("the refused DDL").isEqualTo(1);
        assertThat(explained.get("aggregate_head")).anySatisfy(node -> assertThat(node).contains("on aggregates"));
        assertThat(explained).as("never a function call, DDL or a failed query").containsOnlyKeys("aggregate_head");
        assertThat(registry.get("db.query.slow").tags("pool", "read", "query", "aggregate_head").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldNeverExplainOnAPoolWithoutAnExplainer() throws Exception {
        DSLContext analytics = dsl(new QueryMonitor(registry, "analytics", Duration.ZERO, null));

        new ReadQueries(analytics).aggregate(ReadFixture.PRODUCER, "order", "o-1").orElseThrow();
        Thread.sleep(500);

        assertThat(timer("analytics", "aggregate_head").count()).isEqualTo(1);
        assertThat(registry.get("db.query.slow").tags("pool", "analytics").counter().count()).isEqualTo(1);
        assertThat(registry.find("db.query.explained").counter()).isNull();
        assertThat(explained).isEmpty();
    }

    private static DSLContext dsl(QueryMonitor monitor) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(pool).set(SQLDialect.POSTGRES).set(new Settings().withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)).set(monitor);
        return DSL.using(configuration);
    }

    private Timer timer(String pool, String query) {
        return registry.get("db.query").tags("pool", pool, "query", query).timer();
    }

    private double failures(String pool, String query) {
        Counter c = registry.find("db.query.failures").tags("pool", pool, "query", query).counter();
        return c == null ? 0 : c.count();
    }
}
