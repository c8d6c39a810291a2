package io.eventpipeline.read.config;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two pools and their jOOQ contexts, each with its query monitor. Only the read pool's monitor may explain
 * slow queries (dev profile); the analytics pool never does, and this service has no write pool.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource readPool(ReadSettings settings, MeterRegistry registry) {
        return Pools.read(settings.readPool(), registry);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource analyticsPool(ReadSettings settings, MeterRegistry registry) {
        return Pools.analytics(settings.analyticsPool(), registry);
    }

    /** The read pool's context: timed, and in the dev profile slow reads explained (the explainer logs its advice). */
    @Bean
    DSLContext readDsl(@Qualifier("readPool") HikariDataSource readPool, ReadSettings settings, MeterRegistry registry) {
        return Pools.dsl(readPool, Monitoring.read(settings.query(), readPool, registry, advice -> { }));
    }

    @Bean
    DSLContext analyticsDsl(@Qualifier("analyticsPool") HikariDataSource analyticsPool, ReadSettings settings,
            MeterRegistry registry) {
        return Pools.dsl(analyticsPool, Monitoring.analytics(settings.query(), registry));
    }
}
