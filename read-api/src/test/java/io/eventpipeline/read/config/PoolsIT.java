package io.eventpipeline.read.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two pools against a real Postgres: the analytics statement timeout fires, the read pool is read-only. */
class PoolsIT {

    private final Infrastructure servers = TestServers.shared();
    private final String jdbcUrl = servers.freshDatabase("read_pools_it");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldCancelAStatementOnTheAnalyticsPoolWhenItOutrunsTheTimeout() throws Exception {
        ReadSettings settings = settings("150ms");

        try (HikariDataSource analytics = Pools.analytics(settings.analyticsPool(), registry); Connection c = analytics.getConnection();
                Statement s = c.createStatement()) {

            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(5)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("150ms");
            }
            assertThat(registry.find("hikaricp.connections.max").tag("pool", "analytics").gauge()).isNotNull();
        }
    }

    @Test
    void shouldRefuseWritesAndSetNoTimeoutOnTheReadPool() throws Exception {
        ReadSettings settings = settings("150ms");

        try (HikariDataSource read = Pools.read(settings.readPool(), registry); Connection c = read.getConnection();
                Statement s = c.createStatement()) {

            assertThatThrownBy(() -> s.execute("CREATE TABLE should_fail (x int)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("0");
            }
            assertThat(registry.find("hikaricp.connections.max").tag("pool", "read").gauge()).isNotNull();
        }
    }

    private ReadSettings settings(String statementTimeout) {
        Map<String, String> p = new HashMap<>();
        p.put("DATABASE_URL", jdbcUrl);
        p.put("DATABASE_USER", servers.databaseUser());
        p.put("DATABASE_PASSWORD", servers.databasePassword());
        p.put("ANALYTICS_STATEMENT_TIMEOUT", statementTimeout);
        return ReadSettingsTest.settings(p);
    }
}
