package io.eventpipeline.bench.faults;

import io.eventpipeline.servers.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The servers of the fault run, each a separate process on its own data directory: a KRaft broker,
 * PostgreSQL and Redis (with an append-only file, as in production). Each can be crashed and started
 * again on the same data.
 */
final class Cluster implements AutoCloseable {

    static final String DATABASE = "faults";

    private final ServerProcess broker;
    private final ServerProcess postgres;
    private final ServerProcess redis;

    private Cluster(ServerProcess broker, ServerProcess postgres, ServerProcess redis) {
        this.broker = broker;
        this.postgres = postgres;
        this.redis = redis;
    }

    /** Starts the three servers at once (each in its own process) and creates the run's database. */
    static Cluster start(Path dataDir, PortRange ports) throws InterruptedException {
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (String kind : List.of("broker", "postgres", "redis")) {
            int port = ports.next();
            starting.add(CompletableFuture.supplyAsync(() -> startServer(kind, dataDir, port)));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            Cluster cluster = new Cluster(starting.get(0).join(), starting.get(1).join(), starting.get(2).join());
            cluster.createDatabase();
            return cluster;
        } catch (RuntimeException e) {
            starting.forEach(s -> s.thenAccept(ServerProcess::close));
            throw e;
        }
    }

    private static ServerProcess startServer(String kind, Path dataDir, int port) {
        try {
            return ServerProcess.start(kind, dataDir.resolve(kind.equals("broker") ? "kafka" : kind), port, dataDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + kind, e);
        }
    }

    ServerProcess broker() {
        return broker;
    }

    ServerProcess postgres() {
        return postgres;
    }

    ServerProcess redis() {
        return redis;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + broker.port();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "");
    }

    /** The variables the services read, pointing at these servers. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("DATABASE_URL", jdbcUrl());
        env.put("DATABASE_USER", PostgresServer.USER);
        env.put("DATABASE_PASSWORD", "");
        env.put("REDIS_URL", "redis://127.0.0.1:" + redis.port());
        return env;
    }

    /** Waits until PostgreSQL answers a query again (after a restart). */
    void awaitPostgres(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL not back after " + timeout, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private void createDatabase() {
        String admin = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, PostgresServer.USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }

    /** Stops the servers cleanly: Redis, PostgreSQL, then the broker. */
    @Override
    public void close() {
        closeQuietly(redis);
        closeQuietly(postgres);
        closeQuietly(broker);
    }

    private static void closeQuietly(ServerProcess server) {
        if (server != null) {
            server.close();
        }
    }
}
