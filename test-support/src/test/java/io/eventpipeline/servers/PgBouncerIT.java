package io.eventpipeline.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PgBouncer started by code in transaction mode, as the {@code USE_PGBOUNCER} switch of the fixtures starts it. */
class PgBouncerIT {

    @TempDir
    static Path dir;
    private static Infrastructure servers;

    @BeforeAll
    static void startBehindPgBouncer() {
        Infrastructure shared = TestServers.shared();
        Map<String, String> env = new HashMap<>();
        env.put("USE_PGBOUNCER", "true");
        env.put("KAFKA_BOOTSTRAP_SERVERS", shared.kafkaBootstrapServers());
        env.put("REDIS_URL", shared.redisUrl());
        servers = Infrastructure.start(env::get, new Infrastructure.Settings(dir, 0, 0, 0, false));
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void shouldHandOutUrlsThroughPgBouncerWhenTheSwitchIsOn() throws SQLException {
        String url = servers.freshDatabase("through_bouncer");
        int postgresPort = servers.embeddedPostgres().orElseThrow().port();

        try (Connection c = connect(url); ResultSet rs = c.createStatement().executeQuery(
                "SELECT current_database(), inet_server_port()")) {
            rs.next();

            assertThat(url).contains(":" + servers.pgbouncer().orElseThrow().port() + "/").endsWith("?prepareThreshold=0");
            assertThat(servers.environment()).containsEntry("DATABASE_URL", servers.databaseUrl());
            assertThat(rs.getString(1)).isEqualTo("through_bouncer");
            assertThat(rs.getInt(2)).isEqualTo(postgresPort);
        }
    }

    @Test
    void shouldShareFewServerConnectionsAmongManyClientsWhenPoolingTransactions() throws SQLException {
        String url = servers.freshDatabase("pooled");
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Connection c = connect(url);
                clients.add(c);
                c.createStatement().execute("SELECT 1");
            }

            assertThat(serverConnections("pooled")).isBetween(1, 11);
        } finally {
            for (Connection c : clients) {
                c.close();
            }
        }
    }

    @Test
    void shouldRunPreparedStatementsFromInterleavedClientsWhenPrepareThresholdIsZero() throws SQLException {
        String url = servers.freshDatabase("prepared");
        try (Connection a = connect(url); Connection b = connect(url);
                PreparedStatement qa = a.prepareStatement("SELECT ?::int + 1");
                PreparedStatement qb = b.prepareStatement("SELECT ?::int * 2")) {
            for (int i = 0; i < 20; i++) {
                assertThat(single(qa, i)).isEqualTo(i + 1);
                assertThat(single(qb, i)).isEqualTo(i * 2);
            }
        }
    }

    @Test
    void shouldRunThePlaybooksSettingsWhenStarted() throws Exception {
        String ini = Files.readString(dir.resolve("pgbouncer").resolve("pgbouncer.ini"));

        assertThat(ini).contains("pool_mode = transaction", "default_pool_size = 25", "max_client_conn = 1000",
                "reserve_pool_size = 5", "max_db_connections = 100", "query_wait_timeout = 120");
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, servers.databaseUser(), servers.databasePassword());
    }

    private static int single(PreparedStatement q, int value) throws SQLException {
        q.setInt(1, value);
        try (ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Server connections PostgreSQL itself sees for {@code database}, counted over a direct connection. */
    private static int serverConnections(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(servers.directDatabaseUrl(), servers.databaseUser(),
                servers.databasePassword());
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
