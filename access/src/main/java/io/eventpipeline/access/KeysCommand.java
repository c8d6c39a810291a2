package io.eventpipeline.access;

import io.eventpipeline.schemas.config.RedisUrl;
import io.eventpipeline.schemas.config.Variables;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code keys create <producer> [days-valid] [--scopes produce,read] | keys list | keys revoke <key-id>}:
 * API key management from a service's runnable jar, against {@code DATABASE_URL}/{@code DATABASE_USER}/
 * {@code DATABASE_PASSWORD}. With {@code REDIS_URL} set (and the services' {@code TOPIC_PREFIX}) a
 * revocation is announced to every running instance at once; without it they notice within
 * {@code API_KEY_CACHE_TTL}.
 */
public final class KeysCommand {

    public static final String NAME = "keys";

    private KeysCommand() {
    }

    /** @return the process exit code */
    public static int run(String[] args, Variables env, PrintStream out) {
        if (args.length == 0) {
            out.println(KeysActions.USAGE);
            return 2;
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String url = env.text("DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres");
        String user = env.text("DATABASE_USER", "postgres");
        String password = env.text("DATABASE_PASSWORD", "");
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                KeyChanges changes = changes(env, out)) {
            ApiKeyStore store = new ApiKeyStore(DSL.using(connection, SQLDialect.POSTGRES), changes, new SimpleMeterRegistry());
            return new KeysActions(store, out).run(args);
        } catch (SQLException e) {
            out.println("cannot connect to the database: " + e.getMessage());
            return 1;
        }
    }

    private static KeyChanges changes(Variables env, PrintStream out) {
        if (env.optional("REDIS_URL").isEmpty()) {
            out.println("note: REDIS_URL is not set, so running services are not told of changes; "
                    + "they notice within API_KEY_CACHE_TTL");
            return KeyChanges.NONE;
        }
        return new RedisKeyChanges(RedisUrl.from(env), env.text("TOPIC_PREFIX", ""), Duration.ofSeconds(2));
    }
}
