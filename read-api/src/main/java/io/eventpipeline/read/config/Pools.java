package io.eventpipeline.read.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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

    static HikariDataSource read(ReadSettings s, MeterRegistry registry) {
        HikariConfig config = base("read", s.readDatabaseUrl(), s, s.readPoolSize(), s.readConnectionTimeout(), registry);
        config.setMinimumIdle(Math.min(2, s.readPoolSize()));
        readOnly(config);
        return new HikariDataSource(config);
    }

    static HikariDataSource analytics(ReadSettings s, MeterRegistry registry) {
        HikariConfig config = base("analytics", s.analyticsDatabaseUrl(), s, s.analyticsPoolSize(),
                s.analyticsConnectionTimeout(), registry);
        config.setMinimumIdle(0);
        readOnly(config);
        config.addDataSourceProperty("options", "-c statement_timeout=" + s.analyticsStatementTimeout().toMillis());
        return new HikariDataSource(config);
    }

    /** Read-only even in autocommit (pgjdbc's default mode only marks explicit transactions read-only). */
    private static void readOnly(HikariConfig config) {
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "always");
    }

    private static HikariConfig base(String name, String url, ReadSettings s, int size, Duration connectionTimeout,
            MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(s.databaseUser());
        config.setPassword(s.databasePassword());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // Start even while Postgres is down: cached reads still work and the pool connects when it is back.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "read-api-" + name);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return config;
    }

    /** A PostgreSQL jOOQ context rendering unqualified names (they follow the connection's search_path). */
    static DSLContext dsl(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED).withExecuteLogging(false));
    }
}
