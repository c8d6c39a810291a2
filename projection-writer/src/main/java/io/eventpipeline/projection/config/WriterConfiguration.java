package io.eventpipeline.projection.config;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.projection.consume.AfterCommitHook;
import io.eventpipeline.projection.consume.WriterStatus;
import io.eventpipeline.schemas.config.Variables;
import io.eventpipeline.sql.monitor.QueryTimingListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** Wires the writer from validated settings; the poll loop starts last and stops first. */
@Configuration(proxyBeanMethods = false)
class WriterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WriterConfiguration.class);

    @Bean
    Variables variables(Environment environment) {
        return Variables.of(environment::getProperty);
    }

    @Bean
    WriterSettings writerSettings(Variables variables) {
        WriterSettings settings = WriterSettings.from(variables);
        log.info("projection-writer settings: {}", settings);
        return settings;
    }

    @Bean
    DatabasePools databasePools(Variables variables) {
        DatabasePools pools = DatabasePools.from(variables);
        log.info("pool: {}", pools.write());
        return pools;
    }

    /** The write pool is this service's only DataSource: Flyway migrates through it. */
    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource writePool(DatabasePools pools, MeterRegistry registry) {
        return Databases.pool(pools.write(), registry);
    }

    @Bean(destroyMethod = "close")
    PoolWaitMonitor writePoolWaitMonitor(HikariDataSource writePool, DatabasePools pools, MeterRegistry registry) {
        return new PoolWaitMonitor(writePool, registry, pools.waitCheckInterval());
    }

    /** Times and counts every query of the write pool; never EXPLAINs (ANALYZE would run the writer's statements twice). */
    @Bean
    QueryTimingListener queryTimingListener(Variables variables, MeterRegistry registry) {
        return new QueryTimingListener(registry, "write", variables.duration("SLOW_QUERY_THRESHOLD", Duration.ofMillis(200)),
                null);
    }

    @Bean
    DSLContext dslContext(HikariDataSource writePool, QueryTimingListener listener) {
        return Databases.dsl(writePool, listener);
    }

    @Bean
    WriterLifecycle writerLifecycle(WriterSettings settings, DSLContext dsl, MeterRegistry registry) {
        return new WriterLifecycle(settings, dsl, registry);
    }

    /**
     * Readiness: DOWN before the first poll, while the poll loop stalls for {@code WRITER_POLL_STALL_TIMEOUT},
     * while paused on Postgres (or Kafka), and while a partition is stopped; the details say which.
     */
    @Bean
    HealthIndicator writer(WriterLifecycle lifecycle, WriterSettings settings) {
        return () -> {
            WriterRuntime runtime = lifecycle.runtime;
            if (runtime == null || !runtime.isRunning()) {
                return Health.down().withDetail("state", runtime == null ? "not started" : "poll loop stopped").build();
            }
            WriterStatus status = runtime.consumer().status();
            Health.Builder health = status.isReady(settings.pollStallTimeout()) ? Health.up() : Health.down();
            health.withDetail("polling", status.isPolling(settings.pollStallTimeout()))
                    .withDetail("sinceLastPoll", String.valueOf(status.sinceLastPoll()))
                    .withDetail("positionedPartitions", status.positionedPartitions());
            if (status.failure() != null) {
                health.withDetail("paused", true).withDetail("failure", status.failure());
            }
            if (!status.stopped().isEmpty()) {
                health.withDetail("stoppedPartitions", status.stopped());
            }
            return health.build();
        };
    }

    /** {@code writer_ready}: 1 exactly while readiness is UP (alert WriterNotReady, dashboard). */
    @Bean
    MeterBinder writerReadyGauge(WriterLifecycle lifecycle, WriterSettings settings) {
        return registry -> Gauge.builder("writer.ready", lifecycle, l -> l.isReady(settings.pollStallTimeout()) ? 1 : 0)
                .description("1 while ready (see /actuator/health/readiness)").register(registry);
    }

    /** Liveness: DOWN only when the poll thread died, which a restart cures (a Postgres outage does not). */
    @Bean
    HealthIndicator writerThread(WriterLifecycle lifecycle) {
        return () -> {
            WriterRuntime runtime = lifecycle.runtime;
            return runtime != null && !runtime.isRunning() ? Health.down().withDetail("state", "poll thread died").build()
                    : Health.up().build();
        };
    }

    /** Starts the writer after every bean (Flyway included) is ready; stops it before the pool closes. */
    static final class WriterLifecycle implements SmartLifecycle {

        private final WriterSettings settings;
        private final DSLContext dsl;
        private final MeterRegistry registry;
        private volatile WriterRuntime runtime;

        WriterLifecycle(WriterSettings settings, DSLContext dsl, MeterRegistry registry) {
            this.settings = settings;
            this.dsl = dsl;
            this.registry = registry;
        }

        @Override
        public void start() {
            runtime = WriterRuntime.start(settings, dsl, registry, Clock.systemUTC(), AfterCommitHook.NONE);
        }

        @Override
        public void stop() {
            WriterRuntime r = runtime;
            if (r != null) {
                r.close();
            }
        }

        @Override
        public boolean isRunning() {
            return runtime != null && runtime.isRunning();
        }

        boolean isReady(Duration stallTimeout) {
            WriterRuntime r = runtime;
            return r != null && r.isRunning() && r.consumer().status().isReady(stallTimeout);
        }
    }
}
