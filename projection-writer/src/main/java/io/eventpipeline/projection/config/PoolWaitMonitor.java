package io.eventpipeline.projection.config;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a Hikari pool and warns when threads wait for a connection (the pool is too small for the
 * load, or connections leak). Counts every sample that saw waiting threads in
 * {@code db.pool.wait.observed{pool}}; Hikari's own {@code hikaricp_connections_pending} gauge and
 * {@code hikaricp_connections_acquire} timer are exported next to it.
 */
public final class PoolWaitMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PoolWaitMonitor.class);

    private final HikariDataSource pool;
    private final Counter waits;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pool-wait-monitor");
        t.setDaemon(true);
        return t;
    });

    public PoolWaitMonitor(HikariDataSource pool, MeterRegistry registry, Duration interval) {
        this.pool = pool;
        this.waits = Counter.builder("db.pool.wait.observed").tag("pool", pool.getPoolName())
                .description("samples in which threads were waiting for a connection").register(registry);
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One sample; returns the number of waiting threads. */
    public int check() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return 0;
        }
        int waiting = bean.getThreadsAwaitingConnection();
        if (waiting > 0) {
            waits.increment();
            log.warn("pool {}: {} thread(s) waiting for a connection ({} active of {} max)", pool.getPoolName(), waiting,
                    bean.getActiveConnections(), pool.getMaximumPoolSize());
        }
        return waiting;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
