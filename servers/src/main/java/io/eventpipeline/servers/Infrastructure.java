package io.eventpipeline.servers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and Redis for the pipeline: each one is the external server named by its
 * environment variable ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DATABASE_URL} with
 * {@code DATABASE_USER}/{@code DATABASE_PASSWORD}, {@code REDIS_URL}) when set, else a real server
 * started here. The same service code runs against either.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /**
     * Where embedded servers keep their data and which ports they take (0 = any free port).
     */
    public record Settings(Path dataDir, int kafkaPort, int postgresPort, int redisPort, boolean persistRedis) {
    }

    private final String kafkaBootstrapServers;
    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final String redisUrl;
    private final EmbeddedKafka kafka;
    private final PostgresServer postgres;
    private final RedisProcess redis;

    private Infrastructure(String kafkaBootstrapServers, String databaseUrl, String databaseUser, String databasePassword,
            String redisUrl, EmbeddedKafka kafka, PostgresServer postgres, RedisProcess redis) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.databaseUrl = databaseUrl;
        this.databaseUser = databaseUser;
        this.databasePassword = databasePassword;
        this.redisUrl = redisUrl;
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
    }

    /** Starts what {@code env} does not point to elsewhere. Servers start in parallel. */
    public static Infrastructure start(Function<String, String> env, Settings settings) {
        String kafkaEnv = blankToNull(env.apply("KAFKA_BOOTSTRAP_SERVERS"));
        String dbEnv = blankToNull(env.apply("DATABASE_URL"));
        String redisEnv = blankToNull(env.apply("REDIS_URL"));
        var postgresStart = dbEnv != null ? null : inBackground(
                () -> PostgresServer.start(settings.dataDir().resolve("postgres"), settings.postgresPort()));
        var redisStart = redisEnv != null ? null : inBackground(
                () -> RedisProcess.start(settings.persistRedis() ? settings.dataDir().resolve("redis") : null,
                        settings.redisPort()));
        EmbeddedKafka kafka = null;
        PostgresServer postgres = null;
        RedisProcess redis = null;
        try {
            kafka = kafkaEnv != null ? null : EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            postgres = postgresStart == null ? null : postgresStart.join();
            redis = redisStart == null ? null : redisStart.join();
        } catch (RuntimeException e) {
            // Whatever did start must not outlive the failure (a postmaster or redis-server would).
            closeQuietly(kafka);
            closeQuietly(postgres != null ? postgres : postgresStart == null ? null : postgresStart.exceptionally(t -> null).join());
            closeQuietly(redis != null ? redis : redisStart == null ? null : redisStart.exceptionally(t -> null).join());
            throw e;
        }
        return new Infrastructure(
                kafka != null ? kafka.bootstrapServers() : kafkaEnv,
                postgres != null ? postgres.jdbcUrl("postgres") : dbEnv,
                postgres != null ? PostgresServer.USER : Optional.ofNullable(env.apply("DATABASE_USER")).orElse(PostgresServer.USER),
                postgres != null ? "" : Optional.ofNullable(env.apply("DATABASE_PASSWORD")).orElse(""),
                redis != null ? redis.url() : redisEnv,
                kafka, postgres, redis);
    }

    private static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("stopping {} after a failed start failed", server.getClass().getSimpleName(), e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    public String databasePassword() {
        return databasePassword;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** The Redis process started here, if any; tests stop and restart it to simulate an outage. */
    public Optional<RedisProcess> embeddedRedis() {
        return Optional.ofNullable(redis);
    }

    /** The PostgreSQL process started here, if any. */
    public Optional<PostgresServer> embeddedPostgres() {
        return Optional.ofNullable(postgres);
    }

    /** The variables the services read, pointing at these servers. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", databaseUser);
        env.put("DATABASE_PASSWORD", databasePassword);
        env.put("REDIS_URL", redisUrl);
        return env;
    }

    /**
     * Creates (or recreates) a database on the same server and returns its JDBC URL; tests give every
     * class its own so classes never interfere.
     */
    public String freshDatabase(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + name);
        }
        try (Connection c = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return withDatabase(databaseUrl, name);
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + params;
    }

    /** Stops the servers started here, newest first; external servers are left alone. */
    @Override
    public void close() {
        List<AutoCloseable> started = new ArrayList<>();
        if (kafka != null) {
            started.add(kafka);
        }
        if (redis != null) {
            started.add(redis);
        }
        if (postgres != null) {
            started.add(postgres);
        }
        for (AutoCloseable server : started) {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("stopping {} failed", server.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Runs {@code start} on another thread with this thread's context class loader: inside the
     * executable jar, the server binaries are resources that only that loader can see.
     */
    private static <T> CompletableFuture<T> inBackground(Supplier<T> start) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name("server-start").daemon().start(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            try {
                result.complete(start.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
