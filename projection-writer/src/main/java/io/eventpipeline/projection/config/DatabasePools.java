package io.eventpipeline.projection.config;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * The writer's database settings: its one pool ({@code write}: small, one connection per poll thread plus
 * upkeep and sweeps) and how often threads waiting for a connection are sampled. The read side has its
 * own pools (read-api). Behind PgBouncer in transaction mode the URL carries {@code prepareThreshold=0}
 * (docs/decisions.md D7); the writer keeps no session state.
 */
public record DatabasePools(PoolSettings write, Duration waitCheckInterval) {

    static DatabasePools from(Variables v) {
        PoolSettings write = new PoolSettings("write", v.text("DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres"),
                v.text("DATABASE_USER", "postgres"), v.text("DATABASE_PASSWORD", ""), v.integer("WRITE_POOL_SIZE", 4), 1,
                v.duration("WRITE_POOL_CONNECTION_TIMEOUT", Duration.ofSeconds(5)));
        Duration waitCheck = v.duration("POOL_WAIT_CHECK_INTERVAL", Duration.ofSeconds(1));
        Variables.require(waitCheck.isPositive(), "POOL_WAIT_CHECK_INTERVAL", "must be > 0");
        return new DatabasePools(write, waitCheck);
    }
}
