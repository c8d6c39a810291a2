package io.eventpipeline.processor;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.health.Verdict;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.processor.query.AggregateEndpoint;
import io.eventpipeline.processor.query.AggregateQueries;
import io.eventpipeline.processor.query.QuerySettings;
import io.eventpipeline.schemas.config.Variables;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The stream-processor service: Kafka Streams from {@code events.raw} to {@code events.log} and
 * {@code events.rejected}, with {@code /actuator/health} and {@code /actuator/prometheus} on
 * {@code HTTP_PORT} (default 8081), the management port. Its settings are environment variables (or
 * {@code --NAME=value} arguments) read by {@link ProcessorConfig#from} through the shared reader (docs/decisions.md
 * D6); {@code stream-processor.yml} holds only Spring's own settings. It scans only its own package, so it can share a JVM with the
 * other services. It uses neither Postgres nor Redis: their auto-configurations are excluded.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
})
public class StreamProcessorApplication {

    /** The builder the {@code local} module uses to run this service next to the others in one JVM. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(StreamProcessorApplication.class)
                .properties("spring.config.name=stream-processor");
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    ProcessorConfig streamProcessorConfig(Environment environment) {
        return ProcessorConfig.from(Variables.of(environment::getProperty));
    }

    @Bean
    ProcessorMetrics pipelineProcessorMetrics(MeterRegistry registry) {
        return new ProcessorMetrics(registry);
    }

    @Bean
    QuerySettings processorQuerySettings(Environment environment) {
        return QuerySettings.from(Variables.of(environment::getProperty));
    }

    @Bean
    StreamsRunner streamsRunner(ProcessorConfig config, ProcessorMetrics metrics, QuerySettings querySettings) {
        return new StreamsRunner(config, metrics, querySettings.streamsProperties());
    }

    /** {@code /actuator/aggregate/...}: interactive queries of the version and dedup state, management port only. */
    @Bean
    AggregateEndpoint aggregateEndpoint(StreamsRunner runner, QuerySettings querySettings) {
        return new AggregateEndpoint(new AggregateQueries(runner::streams, querySettings));
    }

    /** {@code /actuator/health/readiness}: RUNNING, no recent thread failure, no stalled partition. */
    @Bean
    HealthIndicator processorReadiness(StreamsRunner runner) {
        return () -> health(runner.readiness());
    }

    /** {@code /actuator/health/liveness}: DOWN only when the client is in ERROR, where a restart helps. */
    @Bean
    HealthIndicator processorLiveness(StreamsRunner runner) {
        return () -> health(runner.liveness());
    }

    private static Health health(Verdict verdict) {
        return (verdict.up() ? Health.up() : Health.down()).withDetails(verdict.details()).build();
    }
}
