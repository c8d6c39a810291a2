package io.eventpipeline.read.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.read.query.ReadQueries;
import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.schemas.config.Variables;
import io.eventpipeline.sql.monitor.PlanAdvice;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The read-api's query monitoring against a real Postgres, wired as the service wires it ({@link Monitoring}):
 * its queries timed by name on each pool, failures counted, and with every statement "slow" a slow read explained
 * on the read pool only: cache warming's top-N of 2,000 stream heads by {@code updated_at} (no index, on purpose:
 * it runs once at start) is reported as a sequential scan there and never on the analytics pool.
 */
class QueryMonitoringIT {

    private static ReadFixture fx;
    private static HikariDataSource readPool;
    private static HikariDataSource analyticsPool;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PlanAdvice> advice = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        fx = new ReadFixture("read_query_monitoring_it", TestServers.shared());
        fx.dsl.execute("INSERT INTO aggregates (producer_id, aggregate_type, aggregate_id, version, last_event_id,"
                + " last_event_type, event_count, updated_at) SELECT 'producer-1', 'order', 'o-' || g, 1, gen_random_uuid(),"
                + " 'order.placed', 1, now() - g * interval '1 second' FROM generate_series(1, 2000) g");
        fx.dsl.execute("ANALYZE aggregates");
        PoolSettings pool = new PoolSettings("read", fx.jdbcUrl, fx.servers.databaseUser(), fx.servers.databasePassword(), 2,
                Duration.ofSeconds(5), null);
        readPool = Pools.read(pool, new SimpleMeterRegistry());
        analyticsPool = Pools.analytics(new PoolSettings("analytics", pool.jdbcUrl(), pool.user(), pool.password(), 2,
                Duration.ofSeconds(5), Duration.ofSeconds(30)), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        readPool.close();
        analyticsPool.close();
        fx.close();
    }

    @Test
    void shouldTimeCountFailuresAndExplainSlowReadsOnTheReadPoolOnly() {
        QuerySettings devProfile = new QuerySettings(Duration.ZERO, true, 1000);
        DSLContext read = Pools.dsl(readPool, Monitoring.read(devProfile, readPool, registry, advice::add));
        DSLContext analytics = Pools.dsl(analyticsPool, Monitoring.analytics(devProfile, registry));

        new ReadQueries(analytics).recentlyUpdated(10);
        assertThat(advice).as("the analytics pool never explains").isEmpty();
        new ReadQueries(read).recentlyUpdated(10);
        new ReadQueries(read).aggregate("producer-1", "order", "o-1").orElseThrow();
        assertThatThrownBy(() -> read.execute("CREATE TABLE never_here (x int)")).hasMessageContaining("read-only");

        assertThat(advice).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(PlanAdvice.Kind.SEQ_SCAN);
            assertThat(a.suggestion()).contains("Seq Scan on aggregates");
        });
        assertThat(advice).as("only the warming query scans").allSatisfy(a -> assertThat(a.query()).isEqualTo("select aggregates"));
        assertThat(registry.get("db.query").tags("pool", "read", "query", "select aggregates").timer().count()).isEqualTo(2);
        assertThat(registry.get("db.query").tags("pool", "analytics", "query", "select aggregates").timer().count()).isEqualTo(1);
        assertThat(failures("read", "create never_here")).as("the refused DDL").isEqualTo(1);
    }

    @Test
    void shouldExplainNothingWhenTheDevProfileIsOff() {
        QuerySettings production = QuerySettings.from(Variables.of(Map.of("SLOW_QUERY_THRESHOLD", "0ms")));
        DSLContext read = Pools.dsl(readPool, Monitoring.read(production, readPool, registry, advice::add));

        new ReadQueries(read).recentlyUpdated(10);

        assertThat(production.explain()).isFalse();
        assertThat(advice).isEmpty();
        assertThat(registry.get("db.query.slow").tags("pool", "read").counter().count()).isEqualTo(1);
        Properties dev = yaml("read-api-dev.yml");
        assertThat(dev.getProperty("QUERY_EXPLAIN_ENABLED")).as("the dev profile turns it on").isEqualTo("true");
        assertThat(yaml("read-api.yml").getProperty("QUERY_EXPLAIN_ENABLED")).isNull();
    }

    private double failures(String pool, String query) {
        Counter c = registry.find("db.query.failures").tags("pool", pool, "query", query).counter();
        return c == null ? 0 : c.count();
    }

    private static Properties yaml(String resource) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(resource));
        return yaml.getObject();
    }
}
