package io.eventpipeline.read.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.read.db.Transactions;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.PgBouncerProcess;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read side's pools behind a real PgBouncer 1.18 in transaction mode leave nothing in the session for the
 * next client of the same server connection: after a read (refused write included) and an analytics report
 * with its timeout, a writer's transaction on that very server connection (same {@code pg_backend_pid()}) is
 * neither read-only nor bound by the timeout, and its INSERT commits. The bouncer is this class's own, and each
 * test uses its own database, so no other client shares the server connections (PgBouncer reuses the most
 * recently used one, so consecutive transactions land on one server connection, which the pid check proves).
 * The control: a pool configured as before the fix ({@code readOnlyMode=always}) is caught leaking.
 */
class PgBouncerSessionIT {

    private static final Infrastructure servers = TestServers.shared();
    private static PgBouncerProcess bouncer;

    @BeforeAll
    static void startBouncer() throws Exception {
        URI direct = URI.create(servers.directDatabaseUrl().substring("jdbc:".length()));
        bouncer = PgBouncerProcess.start(Files.createTempDirectory(Path.of("target"), "read-pgbouncer-"), 0,
                direct.getHost(), direct.getPort(), servers.databaseUser());
    }

    @AfterAll
    static void stopBouncer() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @Test
    void shouldLeaveNoReadOnlyModeOrStatementTimeoutToTheNextClientOfTheServerConnection() throws Exception {
        String url = database("read_bouncer_clean");
        try (HikariDataSource read = Pools.read(pool("read", url), new SimpleMeterRegistry());
                HikariDataSource analytics = Pools.analytics(pool("analytics", url), new SimpleMeterRegistry());
                Connection writer = DriverManager.getConnection(url, servers.databaseUser(), servers.databasePassword())) {
            DSLContext reads = Pools.dsl(read);
            DSLContext reports = Pools.dsl(analytics);
            for (int round = 0; round < 10; round++) {
                String readPid = String.valueOf(reads.fetchValue("SELECT pg_backend_pid()"));
                assertThatThrownBy(() -> reads.execute("INSERT INTO probe VALUES (0)")).hasMessageContaining("read-only");
                String reportPid = Transactions.withStatementTimeout(reports, Duration.ofMillis(150),
                        tx -> String.valueOf(tx.fetchValue("SELECT pg_backend_pid()")));

                Map<String, String> seen = writerSees(writer);

                assertThat(seen.get("pid")).as("round %d: the writer ran on the connection the reads used", round)
                        .isEqualTo(readPid).isEqualTo(reportPid);
                assertThat(seen).containsEntry("transaction_read_only", "off").containsEntry("statement_timeout", "0");
            }
        }
    }

    @Test
    void shouldCatchTheLeakOfAPoolThatSetsReadOnlyOnTheSession() throws Exception {
        String url = database("read_bouncer_leaky");
        HikariConfig old = new HikariConfig();
        old.setJdbcUrl(url);
        old.setUsername(servers.databaseUser());
        old.setPassword(servers.databasePassword());
        old.setMaximumPoolSize(1);
        old.setReadOnly(true);
        old.addDataSourceProperty("readOnlyMode", "always");
        try (HikariDataSource leaky = new HikariDataSource(old);
                Connection writer = DriverManager.getConnection(url, servers.databaseUser(), servers.databasePassword())) {
            try (Connection c = leaky.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }

            assertThatThrownBy(() -> writerSees(writer)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("read-only transaction");
        }
    }

    /** What a plain (not read-only) client sees in its own transaction, then an INSERT it commits. */
    private static Map<String, String> writerSees(Connection writer) throws SQLException {
        Map<String, String> seen = new HashMap<>();
        try (Statement s = writer.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid(), current_setting('transaction_read_only'),"
                    + " current_setting('statement_timeout')")) {
                rs.next();
                seen.put("pid", rs.getString(1));
                seen.put("transaction_read_only", rs.getString(2));
                seen.put("statement_timeout", rs.getString(3));
            }
            s.execute("INSERT INTO probe VALUES (1)");
        }
        return seen;
    }

    /** A fresh database with a probe table (made directly), and its URL through this class's bouncer. */
    private static String database(String name) throws SQLException {
        servers.freshDatabase(name);
        String direct = servers.directDatabaseUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        try (Connection c = DriverManager.getConnection(direct, servers.databaseUser(), servers.databasePassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (x int)");
        }
        return bouncer.jdbcUrl(name);
    }

    private static PoolSettings pool(String name, String url) {
        return new PoolSettings(name, url, servers.databaseUser(), servers.databasePassword(), 1, Duration.ofSeconds(5), null);
    }
}
