package io.eventpipeline.projection.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/** Builds pools (with Hikari metrics in Micrometer) and the jOOQ context on top of them. */
public final class Databases {

    private Databases() {
    }

    public static HikariDataSource pool(PoolSettings settings, MeterRegistry registry) {
        HikariConfig config = settings.toHikariConfig();
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(config);
    }

    /** A PostgreSQL jOOQ context whose every query passes through {@code listeners}. */
    public static DSLContext dsl(DataSource dataSource, ExecuteListener... listeners) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(dataSource);
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(new Settings().withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false));
        configuration.set(DefaultExecuteListenerProvider.providers(listeners));
        return DSL.using(configuration);
    }
}
