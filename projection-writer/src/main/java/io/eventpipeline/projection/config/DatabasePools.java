package io.eventpipeline.projection.config;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * The three pool settings of the pipeline, from one place: {@code write} (this writer: small, it needs
 * one connection per poll thread plus upkeep and sweeps), {@code read} (the read API: larger, short
 * waits) and {@code analytics} (long queries, bounded by {@code statement_timeout}).
 */
public record DatabasePools(PoolSettings write, PoolSettings read, PoolSettings analytics, Duration waitCheckInterval) {

    static DatabasePools from(Variables v) {
        String url = v.text("DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres");
        String user = v.text("DATABASE_USER", "postgres");
        String password = v.text("DATABASE_PASSWORD", "");
        PoolSettings write = new PoolSettings("write", url, user, password, v.integer("WRITE_POOL_SIZE", 4), 1,
                v.duration("WRITE_POOL_CONNECTION_TIMEOUT", Duration.ofSeconds(5)), null);
        PoolSettings read = new PoolSettings("read", url, user, password, v.integer("READ_POOL_SIZE", 20), 2,
                v.duration("READ_POOL_CONNECTION_TIMEOUT", Duration.ofSeconds(2)), null);
        PoolSettings analytics = new PoolSettings("analytics", url, user, password, v.integer("ANALYTICS_POOL_SIZE", 4), 0,
                v.duration("ANALYTICS_POOL_CONNECTION_TIMEOUT", Duration.ofSeconds(5)),
                v.duration("ANALYTICS_STATEMENT_TIMEOUT", Duration.ofSeconds(30)));
        Duration waitCheck = v.duration("POOL_WAIT_CHECK_INTERVAL", Duration.ofSeconds(1));
        Variables.require(waitCheck.isPositive(), "POOL_WAIT_CHECK_INTERVAL", "must be > 0");
        return new DatabasePools(write, read, analytics, waitCheck);
    }
}
