package io.eventpipeline.bench;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The projection-writer and its peers writing the same events into the {@code events} table (same migrations, so
 * the same columns, partitions and indexes, each in its own fresh database): the writer as shipped (its executable
 * jar; events, aggregates, offsets and outbox in one transaction per batch), the Debezium JDBC sink connector in
 * Kafka Connect standalone (its own JVM and classpath; upsert on the primary key, and insert), and raw binary COPY
 * of the rows the writer stored (the physical limit). Same batch size everywhere.
 */
final class WriterPeers {

    static final int BATCH = 2_000;

    record Setup(Infrastructure servers, Path repo, Path work, String prefix, int rows, PostgresCpu postgres) {
    }

    private WriterPeers() {
    }

    static Setup prepare(Infrastructure servers, Path repo, Path work, int rows) throws Exception {
        String prefix = "bench-w" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, ProcessorPeers.PARTITIONS, (short) 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + WriterInput.CONNECT_TOPIC, ProcessorPeers.PARTITIONS,
                    (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        WriterInput.produce(servers.kafkaBootstrapServers(), prefix, rows);
        return new Setup(servers, repo, work, prefix, rows, PostgresCpu.find(work));
    }

    /** The writer service over the whole input; returns its result and leaves its rows for {@link #rawCopy}. */
    static Drain.Result writer(Setup s, String database) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(s.servers().environment());
        env.put("DATABASE_URL", database);
        env.put("TOPIC_PREFIX", s.prefix());
        env.put("WRITER_GROUP_ID", "bench-writer-" + UUID.randomUUID());
        env.put("WRITER_BATCH_MAX_RECORDS", String.valueOf(BATCH));
        env.put("HTTP_PORT", String.valueOf(BenchMain.freePort()));
        Path jar = s.repo().resolve("projection-writer/target/projection-writer-0.1.0-SNAPSHOT-exec.jar");
        try (ChildJvm jvm = ChildJvm.start("projection-writer-peer", BenchMain.serviceJvmOptions(),
                List.of("-jar", jar.toString()), env, s.work()); Connection c = connect(s, database)) {
            return Drain.measure("projection-writer", jvm, () -> count(c), s.rows(), s.postgres()::seconds,
                    Drain.timeout(s.rows()));
        }
    }

    /** The Debezium JDBC sink in {@code mode} (upsert or insert) into a fresh, migrated database. */
    static Drain.Result debezium(Setup s, String mode, boolean unnest) throws Exception {
        String database = s.servers().freshDatabase("bench_dbz_" + mode + (unnest ? "_unnest" : ""));
        Flyway.configure().dataSource(database, s.servers().databaseUser(), s.servers().databasePassword())
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = connect(s, database)) {
            c.createStatement().execute("SELECT ensure_events_partition(current_date)");
            String name = "debezium-" + mode + (unnest ? "-unnest" : "");
            List<String> args = ConnectWorker.arguments(s, database, mode, unnest, primaryKey(c), name);
            try (ChildJvm jvm = ChildJvm.start(name, BenchMain.serviceJvmOptions(), args, Map.of(), s.work())) {
                return Drain.measure(name, jvm, () -> count(c), s.rows(), s.postgres()::seconds, Drain.timeout(s.rows()));
            }
        }
    }

    /**
     * Raw binary COPY of the rows the writer stored: exported, the table truncated, then copied back in one
     * statement, timed. The client only streams bytes; the CPU that counts is PostgreSQL's.
     */
    static Drain.Result rawCopy(Setup s, String database) throws Exception {
        try (Connection c = connect(s, database)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            copy.copyOut("COPY (SELECT * FROM events) TO STDOUT (FORMAT binary)", rows);
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE events");
                st.execute("CHECKPOINT");
            }
            double db = s.postgres().seconds();
            long started = System.nanoTime();
            long copied = copy.copyIn("COPY events FROM STDIN (FORMAT binary)", new ByteArrayInputStream(rows.toByteArray()));
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Drain.Result("raw binary COPY", copied, seconds, copied / seconds, Double.NaN,
                    (s.postgres().seconds() - db) * 1e6 / copied);
        }
    }

    /** The primary key of {@code events} as the migrations made it: the upsert's conflict target. */
    private static List<String> primaryKey(Connection c) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, "events")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        return columns;
    }

    static Connection connect(Setup s, String database) throws SQLException {
        return DriverManager.getConnection(database, s.servers().databaseUser(), s.servers().databasePassword());
    }

    /** Rows in {@code events}; 0 until the service has created the table. */
    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
