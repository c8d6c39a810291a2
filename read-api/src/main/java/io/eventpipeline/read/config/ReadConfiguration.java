package io.eventpipeline.read.config;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.read.api.HttpCaching;
import io.eventpipeline.read.cache.RedisL2;
import io.eventpipeline.read.cache.TieredCache;
import io.eventpipeline.read.invalidate.InvalidationListener;
import io.eventpipeline.read.query.ReadQueries;
import io.eventpipeline.read.query.ReadService;
import io.eventpipeline.read.stats.EventTypeStats;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.Variables;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the read side from validated settings; the invalidation listener and warming start last (see {@link ReadLifecycle}). */
@Configuration(proxyBeanMethods = false)
class ReadConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadConfiguration.class);

    @Bean
    ReadSettings readSettings(Environment environment) {
        ReadSettings settings = ReadSettings.from(Variables.of(environment::getProperty));
        log.info("read-api settings: {}", settings);
        return settings;
    }

    /** Loads run on virtual threads: they block on JDBC, bounded by the read pool's size. */
    @Bean(destroyMethod = "close")
    ExecutorService cacheLoaders() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("read-load-", 0).factory());
    }

    @Bean(destroyMethod = "close")
    RedisL2 redisL2(ReadSettings settings, MeterRegistry registry) {
        CacheSettings cache = settings.cache();
        return new RedisL2(cache.redisUrl().value(), cache.redisTimeout(), cache.keyPrefix(), cache.l2Ttl(), registry);
    }

    @Bean
    TieredCache tieredCache(ReadSettings settings, RedisL2 l2, ExecutorService cacheLoaders, MeterRegistry registry) {
        return new TieredCache(settings.cache().l1MaxEntries(), settings.cache().l1Ttl(), l2, cacheLoaders, registry);
    }

    @Bean
    ReadService readService(TieredCache cache, @Qualifier("readDsl") DSLContext readDsl) {
        return new ReadService(cache, new ReadQueries(readDsl));
    }

    @Bean
    EventTypeStats eventTypeStats(@Qualifier("analyticsDsl") DSLContext analyticsDsl, ReadSettings settings) {
        return new EventTypeStats(analyticsDsl, settings.analyticsPool().statementTimeout());
    }

    @Bean
    HttpCaching httpCaching(ReadSettings settings) {
        return new HttpCaching(settings.http().cacheMaxAge());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    InvalidationListener invalidationListener(ReadSettings settings, TieredCache cache, MeterRegistry registry) {
        return new InvalidationListener(settings.kafka().clientProperties(),
                Topics.CACHE_INVALIDATIONS.prefixed(settings.kafka().topicPrefix()), cache, registry);
    }

    @Bean
    ReadLifecycle readLifecycle(ReadSettings settings, InvalidationListener listener, ReadService reads) {
        return new ReadLifecycle(settings, listener, reads);
    }

    /** DOWN when the invalidation listener stopped (the cache could go stale) or the read pool cannot connect. */
    @Bean
    HealthIndicator readSide(InvalidationListener listener, @Qualifier("readPool") HikariDataSource readPool, RedisL2 l2) {
        return () -> {
            Health.Builder health = listener.isRunning() ? Health.up() : Health.down().withDetail("invalidations", "stopped");
            try (Connection c = readPool.getConnection()) {
                health.withDetail("readPool", c.isValid(1) ? "ok" : "invalid connection");
            } catch (Exception e) {
                health.down().withDetail("readPool", e.getMessage());
            }
            // Redis down degrades latency only: reads are answered from L1 and Postgres.
            return health.withDetail("redisL2", l2.isUsable() ? "available" : "bypassed").build();
        };
    }
}
