package io.eventpipeline.servers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and Redis for the pipeline: each one is the external server named by its
 * environment variable ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DATABASE_URL} with
 * {@code DATABASE_USER}/{@code DATABASE_PASSWORD}, {@code REDIS_URL}) when set, else a real server
 * started here. With {@code USE_PGBOUNCER=true} a PgBouncer in transaction mode is started in front of
 * the embedded PostgreSQL ({@code PGBOUNCER_PORT}, default any free port) and every URL handed out
 * goes through it. The same service code runs against either.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    /**
     * Where embedded servers keep their data and which ports they take (0 = any free port).
     */
    public record Settings(Path dataDir, int kafkaPort, int postgresPort, int redisPort, boolean persistRedis) {
    }

    private final String kafkaBootstrapServers;
    private final String directDatabaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final String redisUrl;
    private final Servers started;

    private Infrastructure(String kafkaBootstrapServers, String directDatabaseUrl, String databaseUser,
            String databasePassword, String redisUrl, Servers started) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.directDatabaseUrl = directDatabaseUrl;
        this.databaseUser = databaseUser;
        this.databasePassword = databasePassword;
        this.redisUrl = redisUrl;
        this.started = started;
    }

    /** The servers started here; each is null when its variable points elsewhere. */
    private record Servers(EmbeddedKafka kafka, PostgresServer postgres, RedisProcess redis, PgBouncerProcess pgbouncer) {
    }

    /** Starts what {@code env} does not point to elsewhere. Servers start in parallel. */
    public static Infrastructure start(Function<String, String> env, Settings settings) {
        String dbEnv = blankToNull(env.apply("DATABASE_URL"));
        Servers servers = start(env, settings, dbEnv == null);
        if (servers.pgbouncer() == null && dbEnv != null && Boolean.parseBoolean(env.apply("USE_PGBOUNCER"))) {
            log.warn("USE_PGBOUNCER starts PgBouncer only in front of the embedded PostgreSQL; DATABASE_URL is used as set");
        }
        PostgresServer postgres = servers.postgres();
        return new Infrastructure(
                servers.kafka() != null ? servers.kafka().bootstrapServers() : env.apply("KAFKA_BOOTSTRAP_SERVERS"),
                postgres != null ? postgres.jdbcUrl("postgres") : dbEnv,
                postgres != null ? PostgresServer.USER : Optional.ofNullable(env.apply("DATABASE_USER")).orElse(PostgresServer.USER),
                postgres != null ? "" : Optional.ofNullable(env.apply("DATABASE_PASSWORD")).orElse(""),
                servers.redis() != null ? servers.redis().url() : env.apply("REDIS_URL"),
                servers);
    }

    private static Servers start(Function<String, String> env, Settings settings, boolean embeddedPostgres) {
        boolean pgbouncer = embeddedPostgres && Boolean.parseBoolean(env.apply("USE_PGBOUNCER"));
        var postgresStart = !embeddedPostgres ? null : Background.start(
                () -> PostgresServer.start(settings.dataDir().resolve("postgres"), settings.postgresPort()));
        var redisStart = blankToNull(env.apply("REDIS_URL")) != null ? null : Background.start(
                () -> RedisProcess.start(settings.persistRedis() ? settings.dataDir().resolve("redis") : null,
                        settings.redisPort()));
        EmbeddedKafka kafka = null;
        PostgresServer postgres = null;
        RedisProcess redis = null;
        try {
            kafka = blankToNull(env.apply("KAFKA_BOOTSTRAP_SERVERS")) != null ? null
                    : EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            postgres = postgresStart == null ? null : postgresStart.join();
            redis = redisStart == null ? null : redisStart.join();
            PgBouncerProcess bouncer = !pgbouncer ? null : PgBouncerProcess.start(settings.dataDir().resolve("pgbouncer"),
                    port(env, "PGBOUNCER_PORT"), "127.0.0.1", postgres.port(), PostgresServer.USER);
            return new Servers(kafka, postgres, redis, bouncer);
        } catch (RuntimeException e) {
            // Whatever did start must not outlive the failure (a postmaster or redis-server would).
            Background.closeQuietly(kafka);
            Background.closeQuietly(postgres != null ? postgres : Background.startedOrNull(postgresStart));
            Background.closeQuietly(redis != null ? redis : Background.startedOrNull(redisStart));
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The URL services use: through PgBouncer when one was started here, else straight to PostgreSQL. */
    public String databaseUrl() {
        return started.pgbouncer() == null ? directDatabaseUrl : started.pgbouncer().jdbcUrl("postgres");
    }

    /** Straight to PostgreSQL, for what PgBouncer cannot carry (creating databases, session-level features). */
    public String directDatabaseUrl() {
        return directDatabaseUrl;
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
        return Optional.ofNullable(started.redis());
    }

    /** The PostgreSQL process started here, if any. */
    public Optional<PostgresServer> embeddedPostgres() {
        return Optional.ofNullable(started.postgres());
    }

    /** The PgBouncer started here ({@code USE_PGBOUNCER=true}), if any. */
    public Optional<PgBouncerProcess> pgbouncer() {
        return Optional.ofNullable(started.pgbouncer());
    }

    /** The variables the services read, pointing at these servers. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("DATABASE_URL", databaseUrl());
        env.put("DATABASE_USER", databaseUser);
        env.put("DATABASE_PASSWORD", databasePassword);
        env.put("REDIS_URL", redisUrl);
        return env;
    }

    /**
     * Creates (or recreates) a database on the same server and returns its JDBC URL (through PgBouncer
     * when one runs); tests give every class its own so classes never interfere.
     */
    public String freshDatabase(String name) {
        DatabaseUrls.recreate(directDatabaseUrl, databaseUser, databasePassword, name);
        return DatabaseUrls.withDatabase(databaseUrl(), name);
    }

    static String withDatabase(String jdbcUrl, String database) {
        return DatabaseUrls.withDatabase(jdbcUrl, database);
    }

    /** Stops the servers started here, newest first; external servers are left alone. */
    @Override
    public void close() {
        List<AutoCloseable> servers = new ArrayList<>();
        servers.add(started.pgbouncer());
        servers.add(started.kafka());
        servers.add(started.redis());
        servers.add(started.postgres());
        servers.forEach(Background::closeQuietly);
    }

    private static int port(Function<String, String> env, String name) {
        String value = blankToNull(env.apply(name));
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
