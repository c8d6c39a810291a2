package io.eventpipeline.read.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The read side's two HikariCP pools (DESIGN "Postgres"): {@code read} (short waits) and {@code analytics}
 * (small; its reports set {@code statement_timeout} per transaction, see {@code db.Transactions}, so a long
 * report can never hold the read path's connections). Both publish Hikari metrics tagged {@code pool}.
 *
 * <p>Nothing is kept in the database session, so both work behind PgBouncer in transaction mode
 * (docs/decisions.md D7): every statement runs in a transaction that pgjdbc opens with {@code BEGIN READ ONLY}
 * ({@code autoCommit=false}, {@code readOnly}, {@code readOnlyMode=transaction}) and that ends with it (jOOQ's
 * commit, or Hikari's rollback when the connection is returned). {@code readOnlyMode=always} would instead run
 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY}, which PgBouncer hands on with the server
 * connection to another client (the writer's next INSERT then fails).
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
        return new HikariDataSource(config);
    }

    /** Every statement in a {@code BEGIN READ ONLY} transaction; nothing set on the session. */
    private static void readOnly(HikariConfig config) {
        config.setAutoCommit(false);
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "transaction");
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
        return DSL.using(dataSource, SQLDialect.POSTGRES, settings());
    }

    /** The same, with every statement going through {@code listener} (the pool's query monitor). */
    static DSLContext dsl(DataSource dataSource, ExecuteListener listener) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(dataSource).set(SQLDialect.POSTGRES).set(settings()).set(listener);
        return DSL.using(configuration);
    }

    private static Settings settings() {
        return new Settings().withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }
}
