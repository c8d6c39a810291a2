package io.eventpipeline.ingest.auth;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code keys create <producer> [days-valid] | keys list | keys revoke <key-id>}: API key management from
 * the runnable jar, against {@code DATABASE_URL}/{@code DATABASE_USER}/{@code DATABASE_PASSWORD}. The
 * created key is printed once; only its hash is stored.
 */
public final class ApiKeyCommand {

    public static final String NAME = "keys";
    private static final String USAGE = "usage: keys create <producer-id> [days-valid] | keys list | keys revoke <key-id>";

    private ApiKeyCommand() {
    }

    /** @return the process exit code */
    public static int run(String[] args, Function<String, String> env, PrintStream out) {
        if (args.length == 0) {
            out.println(USAGE);
            return 2;
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String url = orDefault(env.apply("DATABASE_URL"), "jdbc:postgresql://localhost:5432/postgres");
        String user = orDefault(env.apply("DATABASE_USER"), "postgres");
        String password = orDefault(env.apply("DATABASE_PASSWORD"), "");
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            ApiKeys keys = new ApiKeys(DSL.using(connection, SQLDialect.POSTGRES));
            return switch (args[0]) {
                case "create" -> create(keys, args, out);
                case "list" -> list(keys, out);
                case "revoke" -> revoke(keys, args, out);
                default -> {
                    out.println(USAGE);
                    yield 2;
                }
            };
        } catch (SQLException e) {
            out.println("cannot connect to " + url + ": " + e.getMessage());
            return 1;
        }
    }

    private static int create(ApiKeys keys, String[] args, PrintStream out) {
        if (args.length < 2 || !args[1].matches("[A-Za-z0-9._-]{1,64}")) {
            out.println("producer-id must be 1-64 of [A-Za-z0-9._-]; " + USAGE);
            return 2;
        }
        OffsetDateTime expires = args.length > 2
                ? OffsetDateTime.now(ZoneOffset.UTC).plusDays(Long.parseLong(args[2])) : null;
        ApiKeys.Created created = keys.create(args[1], expires);
        out.println("id:       " + created.key().id());
        out.println("producer: " + created.key().producerId());
        out.println("expires:  " + (expires == null ? "never" : expires));
        out.println("key:      " + created.plainKey());
        out.println("Store the key now: it is not shown again (only its SHA-256 is kept).");
        return 0;
    }

    private static int list(ApiKeys keys, PrintStream out) {
        out.printf("%-36s  %-20s  %-8s  %-25s  %s%n", "id", "producer", "status", "expires", "created");
        for (ApiKeys.ApiKey k : keys.list()) {
            out.printf("%-36s  %-20s  %-8s  %-25s  %s%n", k.id(), k.producerId(), k.status(),
                    k.expiresAt() == null ? "never" : k.expiresAt(), k.createdAt());
        }
        return 0;
    }

    private static int revoke(ApiKeys keys, String[] args, PrintStream out) {
        UUID id;
        try {
            id = UUID.fromString(args.length > 1 ? args[1] : "");
        } catch (IllegalArgumentException e) {
            out.println("key-id must be a UUID from 'keys list'; " + USAGE);
            return 2;
        }
        boolean revoked = keys.revoke(id);
        out.println(revoked ? "revoked " + id : "no key with id " + id);
        return revoked ? 0 : 1;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
