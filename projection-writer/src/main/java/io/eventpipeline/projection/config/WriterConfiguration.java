package io.eventpipeline.projection.config;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.projection.consume.AfterCommitHook;
import io.eventpipeline.projection.query.PlanAdvisor;
import io.eventpipeline.projection.query.QueryTimingListener;
import io.micrometer.core.instrument.MeterRegistry;
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
    WriterSettings writerSettings(Environment environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        WriterSettings settings = new WriterSettings(
                env.string("writer.kafka-bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS"),
                env.string("writer.topic-prefix", "TOPIC_PREFIX"),
                env.integer("writer.topic-partitions", "TOPIC_PARTITIONS"),
                (short) env.integer("writer.topic-replication-factor", "TOPIC_REPLICATION_FACTOR"),
                env.string("writer.group-id", "WRITER_GROUP_ID"),
                env.integer("writer.batch-max-records", "WRITER_BATCH_MAX_RECORDS"),
                env.duration("writer.batch-max-wait", "WRITER_BATCH_MAX_WAIT"),
                WriterSettings.parseWriteMethod(env.string("writer.write-method", "WRITER_WRITE_METHOD")),
                env.integer("writer.partition.premake-months", "PARTITION_PREMAKE_MONTHS"),
                WriterSettings.parseRetention(env.string("writer.partition.retention", "PARTITION_RETENTION")),
                env.bool("writer.partition.retention-drop", "PARTITION_RETENTION_DROP"),
                env.bool("writer.partition.upkeep-enabled", "PARTITION_UPKEEP_ENABLED"),
                env.duration("writer.partition.upkeep-interval", "PARTITION_UPKEEP_INTERVAL"),
                env.duration("writer.partition.lock-timeout", "PARTITION_LOCK_TIMEOUT"),
                env.duration("writer.backoff-initial", "WRITER_BACKOFF_INITIAL"),
                env.duration("writer.backoff-max", "WRITER_BACKOFF_MAX"),
                env.duration("writer.invalidation-sweep-interval", "INVALIDATION_SWEEP_INTERVAL"));
        log.info("projection-writer settings: {}", settings);
        return settings;
    }

    @Bean
    DatabasePools databasePools(Environment environment) {
        DatabasePools pools = DatabasePools.from(new EnvironmentReader(environment));
        log.info("pools: {}, {}, {}", pools.write(), pools.read(), pools.analytics());
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

    @Bean
    QueryTimingListener queryTimingListener(Environment environment, MeterRegistry registry, HikariDataSource writePool) {
        EnvironmentReader env = new EnvironmentReader(environment);
        Duration slow = env.duration("writer.query.slow-threshold", "SLOW_QUERY_THRESHOLD");
        boolean explain = env.bool("writer.query.explain", "QUERY_EXPLAIN_ENABLED");
        int minRows = env.integer("writer.query.seq-scan-min-rows", "QUERY_EXPLAIN_SEQ_SCAN_MIN_ROWS");
        return new QueryTimingListener(registry, slow, explain, writePool, new PlanAdvisor(minRows), advice -> {
        });
    }

    @Bean
    DSLContext dslContext(HikariDataSource writePool, QueryTimingListener listener) {
        return Databases.dsl(writePool, listener);
    }

    @Bean
    WriterLifecycle writerLifecycle(WriterSettings settings, DSLContext dsl, MeterRegistry registry) {
        return new WriterLifecycle(settings, dsl, registry);
    }

    @Bean
    HealthIndicator writer(WriterLifecycle lifecycle) {
        return () -> {
            WriterRuntime runtime = lifecycle.runtime;
            if (runtime == null) {
                return Health.down().withDetail("state", "not started").build();
            }
            if (!runtime.isRunning()) {
                return Health.down().withDetail("state", "poll loop stopped").build();
            }
            String failure = runtime.consumer().failure();
            return failure == null ? Health.up().build()
                    : Health.down().withDetail("paused", runtime.consumer().isPaused()).withDetail("failure", failure).build();
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
    }
}
