package io.eventpipeline.projection.config;

import java.time.Duration;

/**
 * The three pool settings of the pipeline, from one place: {@code write} (this writer: small, it needs
 * one connection per poll thread plus upkeep and sweeps), {@code read} (the read API: larger, short
 * waits) and {@code analytics} (long queries, bounded by {@code statement_timeout}).
 */
public record DatabasePools(PoolSettings write, PoolSettings read, PoolSettings analytics, Duration waitCheckInterval) {

    static DatabasePools from(EnvironmentReader env) {
        String url = env.string("writer.database.url", "DATABASE_URL");
        String user = env.string("writer.database.user", "DATABASE_USER");
        String password = env.string("writer.database.password", "DATABASE_PASSWORD");
        PoolSettings write = new PoolSettings("write", url, user, password,
                env.integer("writer.pools.write-size", "WRITE_POOL_SIZE"), 1,
                env.duration("writer.pools.write-connection-timeout", "WRITE_POOL_CONNECTION_TIMEOUT"), null);
        PoolSettings read = new PoolSettings("read", url, user, password,
                env.integer("writer.pools.read-size", "READ_POOL_SIZE"), 2,
                env.duration("writer.pools.read-connection-timeout", "READ_POOL_CONNECTION_TIMEOUT"), null);
        PoolSettings analytics = new PoolSettings("analytics", url, user, password,
                env.integer("writer.pools.analytics-size", "ANALYTICS_POOL_SIZE"), 0,
                env.duration("writer.pools.analytics-connection-timeout", "ANALYTICS_POOL_CONNECTION_TIMEOUT"),
                env.duration("writer.pools.analytics-statement-timeout", "ANALYTICS_STATEMENT_TIMEOUT"));
        Duration waitCheck = env.duration("writer.pools.wait-check-interval", "POOL_WAIT_CHECK_INTERVAL");
        if (!waitCheck.isPositive()) {
            throw new IllegalArgumentException("POOL_WAIT_CHECK_INTERVAL must be > 0");
        }
        return new DatabasePools(write, read, analytics, waitCheck);
    }
}
