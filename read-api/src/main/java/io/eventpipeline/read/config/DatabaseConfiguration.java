package io.eventpipeline.read.config;

import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.read.db.PlanExplainer;
import io.eventpipeline.read.db.QueryMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
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

    @Bean
    DSLContext readDsl(@Qualifier("readPool") HikariDataSource readPool, ReadSettings settings, MeterRegistry registry,
            ExecutorService cacheLoaders) {
        QuerySettings query = settings.query();
        PlanExplainer explainer = query.explain()
                ? new PlanExplainer(Pools.dsl(readPool), cacheLoaders, registry, (name, plan) -> { })
                : null;
        return Pools.dsl(readPool, new QueryMonitor(registry, "read", query.slowThreshold(), explainer));
    }

    @Bean
    DSLContext analyticsDsl(@Qualifier("analyticsPool") HikariDataSource analyticsPool, ReadSettings settings,
            MeterRegistry registry) {
        return Pools.dsl(analyticsPool, new QueryMonitor(registry, "analytics", settings.query().slowThreshold(), null));
    }
}
