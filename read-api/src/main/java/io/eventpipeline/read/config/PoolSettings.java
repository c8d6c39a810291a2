package io.eventpipeline.read.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.Redacted;
import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.util.Locale;

/**
 * One of the read side's two pools ({@code read}, {@code analytics}), from {@code <NAME>_DATABASE_URL} (else
 * {@code DATABASE_URL}), {@code DATABASE_USER}/{@code DATABASE_PASSWORD} and {@code <NAME>_POOL_*}. The
 * password, also one in the URL's parameters, is never part of {@link #toString()}.
 *
 * @param statementTimeout server-side limit of every statement on this pool; {@code null} for none
 */
public record PoolSettings(String name, String jdbcUrl, String user, String password, int size, Duration connectionTimeout,
        Duration statementTimeout) {

    public PoolSettings {
        String prefix = name.toUpperCase(Locale.ROOT);
        require(jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:"), prefix + "_DATABASE_URL",
                "(or DATABASE_URL) must be a jdbc:postgresql: URL");
        require(user != null && !user.isBlank(), "DATABASE_USER", "must be set");
        password = password == null ? "" : password;
        require(size >= 1, prefix + "_POOL_SIZE", "must be >= 1");
        require(connectionTimeout != null && connectionTimeout.toMillis() >= 250, prefix + "_POOL_CONNECTION_TIMEOUT",
                "must be >= 250ms (Hikari's minimum)");
        require(statementTimeout == null || statementTimeout.toMillis() >= 1, prefix + "_STATEMENT_TIMEOUT", "must be >= 1ms");
    }

    static PoolSettings read(Variables v) {
        return new PoolSettings("read", url(v, "READ_DATABASE_URL"), user(v), v.text("DATABASE_PASSWORD", ""),
                v.integer("READ_POOL_SIZE", 10), v.duration("READ_POOL_CONNECTION_TIMEOUT", Duration.ofSeconds(2)), null);
    }

    static PoolSettings analytics(Variables v) {
        return new PoolSettings("analytics", url(v, "ANALYTICS_DATABASE_URL"), user(v), v.text("DATABASE_PASSWORD", ""),
                v.integer("ANALYTICS_POOL_SIZE", 2), v.duration("ANALYTICS_POOL_CONNECTION_TIMEOUT", Duration.ofSeconds(5)),
                v.duration("ANALYTICS_STATEMENT_TIMEOUT", Duration.ofSeconds(30)));
    }

    private static String url(Variables v, String override) {
        return v.optional(override).orElseGet(() -> v.text("DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres"));
    }

    private static String user(Variables v) {
        return v.text("DATABASE_USER", "postgres");
    }

    @Override
    public String toString() {
        return "Pool[" + name + " " + Redacted.url(jdbcUrl) + " user=" + user + " size=" + size + " connectionTimeout="
                + connectionTimeout + (statementTimeout == null ? "" : " statementTimeout=" + statementTimeout) + "]";
    }
}
