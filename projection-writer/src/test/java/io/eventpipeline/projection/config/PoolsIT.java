package io.eventpipeline.projection.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.projection.support.WriterFixture;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolsIT {

    private WriterFixture fx;

    @BeforeAll
    void start() {
        fx = new WriterFixture("pools_it");
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @Test
    void shouldWarnAndCountWhenThreadsWaitForAConnection() throws Exception {
        PoolSettings tiny = new PoolSettings("tiny", fx.jdbcUrl, fx.servers.databaseUser(), fx.servers.databasePassword(),
                1, 0, Duration.ofSeconds(10));
        try (HikariDataSource pool = Databases.pool(tiny, fx.registry);
                PoolWaitMonitor monitor = new PoolWaitMonitor(pool, fx.registry, Duration.ofHours(1))) {
            CompletableFuture<Void> waiter;
            try (Connection held = pool.getConnection()) {
                waiter = CompletableFuture.runAsync(() -> {
                    try (Connection c = pool.getConnection()) {
                        c.isValid(1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                WriterFixture.await("a thread waits for the only connection", Duration.ofSeconds(10),
                        () -> monitor.check() > 0);
            }
            waiter.get();
            assertThat(fx.registry.find("db.pool.wait.observed").tag("pool", "tiny").counter().count()).isPositive();
            assertThat(fx.registry.find("hikaricp.connections.pending").tag("pool", "tiny").gauge()).isNotNull();
        }
    }
}
