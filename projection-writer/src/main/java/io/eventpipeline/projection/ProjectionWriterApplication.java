package io.eventpipeline.projection;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The projection-writer service: events.log to Postgres (events, projections, offsets in one
 * transaction per batch), partition upkeep, cache invalidations after commit. Reads
 * {@code projection-writer.yml}; every setting comes from an environment variable (see that file).
 * Redis, Kafka (spring-kafka) and Kafka Streams auto-configurations are excluded: the writer uses
 * plain Kafka clients and no Redis, and must start next to services that do.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
        "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration"})
public class ProjectionWriterApplication {

    public static final String CONFIG_NAME = "projection-writer";

    /** The application as the {@code local} module runs it: own config name, own package scan. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProjectionWriterApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
