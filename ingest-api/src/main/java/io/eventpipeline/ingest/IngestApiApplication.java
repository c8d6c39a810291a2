package io.eventpipeline.ingest;

import io.eventpipeline.access.KeysCommand;
import io.eventpipeline.schemas.config.Variables;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The ingest-api service: idempotent {@code POST /v1/events} and {@code POST /v1/events:batch} onto
 * {@code events.raw}. Reads {@code ingest-api.yml} (never {@code application.properties}) so it can
 * share one JVM with the other services; auto-configurations of parts it does not use are excluded so the
 * context starts with their dependencies on the classpath.
 *
 * <p>{@code java -jar ingest-api-exec.jar keys create|list|revoke ...} manages API keys instead of serving.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration"})
public class IngestApiApplication {

    public static final String CONFIG_NAME = "ingest-api";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(KeysCommand.NAME)) {
            System.exit(KeysCommand.run(Arrays.copyOfRange(args, 1, args.length), Variables.system(), System.out));
        }
        builder().run(args);
    }
}
