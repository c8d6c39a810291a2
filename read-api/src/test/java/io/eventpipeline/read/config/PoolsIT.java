package io.eventpipeline.read.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.read.db.Transactions;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * The two pools against a real Postgres: the analytics statement timeout fires, the read pool refuses writes,
 * and neither leaves anything in the session (each pool has one connection here, so the checks after a read
 * run on the very connection that served it).
 */
class PoolsIT {

    private final Infrastructure servers = TestServers.shared();
    private final String jdbcUrl = servers.freshDatabase("read_pools_it");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldCancelAnAnalyticsStatementThatOutrunsTheTimeoutAndKeepNoTimeoutInTheSession() throws Exception {
        ReadSettings settings = settings();

        try (HikariDataSource analytics = Pools.analytics(settings.analyticsPool(), registry)) {
            DSLContext dsl = Pools.dsl(analytics);

            String inside = Transactions.withStatementTimeout(dsl, Duration.ofMillis(150),
                    tx -> String.valueOf(tx.fetchValue("SHOW statement_timeout")));
            assertThatThrownBy(() -> Transactions.withStatementTimeout(dsl, Duration.ofMillis(150), tx -> tx.fetch("SELECT pg_sleep(5)")))
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("57014"));

            assertThat(inside).isEqualTo("150ms");
            assertThat(session(analytics, "statement_timeout")).as("SET LOCAL ended with its transaction").isEqualTo("0");
            assertThat(session(analytics, "transaction_read_only")).isEqualTo("off");
            assertThat(registry.find("hikaricp.connections.max").tag("pool", "analytics").gauge()).isNotNull();
        }
    }

    @Test
    void shouldRefuseWritesOnTheReadPoolWithoutMakingTheSessionReadOnly() throws Exception {
        ReadSettings settings = settings();

        try (HikariDataSource read = Pools.read(settings.readPool(), registry)) {
            try (Connection c = read.getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("CREATE TABLE should_fail (x int)"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            }

            assertThat(session(read, "default_transaction_read_only")).as("no SET SESSION CHARACTERISTICS").isEqualTo("off");
            assertThat(session(read, "transaction_read_only")).isEqualTo("off");
            assertThat(session(read, "statement_timeout")).isEqualTo("0");
            assertThat(registry.find("hikaricp.connections.max").tag("pool", "read").gauge()).isNotNull();
        }
    }

    /** A setting as a transaction that is not read-only sees it, on the pool's (only) server connection. */
    private static String session(HikariDataSource pool, String setting) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setReadOnly(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
                rs.next();
                return rs.getString(1);
            } finally {
                c.rollback();
                c.setReadOnly(true);
            }
        }
    }

    private ReadSettings settings() {
        Map<String, String> p = new HashMap<>();
        p.put("DATABASE_URL", jdbcUrl);
        p.put("DATABASE_USER", servers.databaseUser());
        p.put("DATABASE_PASSWORD", servers.databasePassword());
        p.put("READ_POOL_SIZE", "1");
        p.put("ANALYTICS_POOL_SIZE", "1");
        return ReadSettingsTest.settings(p);
    }
}
