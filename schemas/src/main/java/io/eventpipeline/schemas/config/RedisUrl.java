package io.eventpipeline.schemas.config;

import static io.eventpipeline.schemas.config.Variables.require;

/**
 * {@code REDIS_URL}: {@code redis://host:6379}, {@code rediss://} for TLS, with AUTH credentials as
 * {@code redis://:password@host} or {@code rediss://user:password@host} (ACL user), and an optional
 * database as the path ({@code /2}). {@link #toString()} never shows the credentials.
 */
public record RedisUrl(String value) {

    public RedisUrl {
        require(value != null && (value.startsWith("redis://") || value.startsWith("rediss://")), "REDIS_URL",
                "must be a redis:// or rediss:// URL, got '" + Redacted.url(value) + "'");
    }

    public static RedisUrl from(Variables v) {
        return new RedisUrl(v.text("REDIS_URL", "redis://localhost:6379"));
    }

    public boolean tls() {
        return value.startsWith("rediss://");
    }

    @Override
    public String toString() {
        return Redacted.url(value);
    }
}
