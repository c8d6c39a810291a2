package io.eventpipeline.read.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The read side's two HikariCP pools (DESIGN "Postgres"): {@code read} (read-only connections, short waits)
 * and {@code analytics} (small, every statement bounded by {@code statement_timeout}, so a long report can
 * never hold the read path's connections). Both publish Hikari metrics tagged {@code pool}.
 */
final class Pools {

    private Pools() {
    }

    static HikariDataSource read(PoolSettings s, MeterRegistry registry) {
        HikariConfig config = base(s, registry);
        config.setMinimumIdle(Math.min(2, s.size()));
        readOnly(config);
        return new HikariDataSource(config);
    }

    static HikariDataSource analytics(PoolSettings s, MeterRegistry registry) {
        HikariConfig config = base(s, registry);
        config.setMinimumIdle(0);
        readOnly(config);
        if (s.statementTimeout() != null) {
            config.addDataSourceProperty("options", "-c statement_timeout=" + s.statementTimeout().toMillis());
        }
        return new HikariDataSource(config);
    }

    /** Read-only even in autocommit (pgjdbc's default mode only marks explicit transactions read-only). */
    private static void readOnly(HikariConfig config) {
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "always");
    }

    private static HikariConfig base(PoolSettings s, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(s.name());
        config.setJdbcUrl(s.jdbcUrl());
        config.setUsername(s.user());
        config.setPassword(s.password());
        config.setMaximumPoolSize(s.size());
        config.setConnectionTimeout(s.connectionTimeout().toMillis());
        // Start even while Postgres is down: cached reads still work and the pool connects when it is back.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "read-api-" + s.name());
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return config;
    }

    /** A PostgreSQL jOOQ context rendering unqualified names (they follow the connection's search_path). */
    static DSLContext dsl(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED).withExecuteLogging(false));
    }
}
