package io.eventpipeline.admin.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.Variables;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * What the admin command line talks to, from the same environment variables the services read, through
 * the shared reader (docs/decisions.md D6). Every default points at {@code ./run}'s embedded servers,
 * so on a developer machine no variable is needed.
 *
 * @param kafka                  {@code KAFKA_BOOTSTRAP_SERVERS}, {@code TOPIC_PREFIX}, the Kafka security variables
 * @param budget                 {@code EVENT_MAX_BYTES}: the size budget a redriven event must fit (decisions D2)
 * @param databaseUrl            {@code DATABASE_URL} (JDBC)
 * @param databaseUser           {@code DATABASE_USER}
 * @param databasePassword       {@code DATABASE_PASSWORD}, never printed
 * @param processorApplicationId {@code PROCESSOR_APPLICATION_ID}, unprefixed as the processor reads it
 * @param writerGroupId          {@code WRITER_GROUP_ID}, the key of the writer's offsets in Postgres
 * @param processorUrl           {@code PROCESSOR_MANAGEMENT_URL}, the processor's management (actuator) port
 * @param writerUrl              {@code WRITER_MANAGEMENT_URL}, the writer's management port
 * @param timeout                {@code ADMIN_TIMEOUT}, for each call to a server
 */
public record AdminSettings(KafkaSettings kafka, SizeBudget budget, String databaseUrl, String databaseUser, String databasePassword,
        String processorApplicationId, String writerGroupId, URI processorUrl, URI writerUrl, Duration timeout) {

    public static final String DEFAULT_KAFKA = "127.0.0.1:19092";
    public static final String DEFAULT_DATABASE_URL = "jdbc:postgresql://127.0.0.1:15432/postgres";

    public AdminSettings {
        require(databaseUrl.startsWith("jdbc:postgresql:"), "DATABASE_URL",
                "must be a JDBC URL starting with jdbc:postgresql:, got " + databaseUrl);
        require(processorApplicationId.matches("[A-Za-z0-9._-]+"), "PROCESSOR_APPLICATION_ID",
                "must hold only letters, digits, '.', '_' and '-'");
        require(!writerGroupId.isBlank(), "WRITER_GROUP_ID", "must not be empty");
        require(timeout.isPositive(), "ADMIN_TIMEOUT", "must be > 0");
    }

    public static AdminSettings fromEnvironment(Function<String, String> env) {
        Variables v = Variables.of(name -> "KAFKA_BOOTSTRAP_SERVERS".equals(name) && isBlank(env.apply(name))
                ? DEFAULT_KAFKA : env.apply(name));
        return new AdminSettings(
                KafkaSettings.from(v),
                SizeBudget.fromEnvironment(env),
                v.text("DATABASE_URL", DEFAULT_DATABASE_URL),
                v.text("DATABASE_USER", "postgres"),
                env.apply("DATABASE_PASSWORD") == null ? "" : env.apply("DATABASE_PASSWORD"),
                v.text("PROCESSOR_APPLICATION_ID", "event-pipeline-processor"),
                v.text("WRITER_GROUP_ID", "event-pipeline-projection-writer"),
                url(v, "PROCESSOR_MANAGEMENT_URL", "http://127.0.0.1:8081"),
                url(v, "WRITER_MANAGEMENT_URL", "http://127.0.0.1:8082"),
                v.duration("ADMIN_TIMEOUT", Duration.ofSeconds(30)));
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String topicPrefix() {
        return kafka.topicPrefix();
    }

    /** The processor's Kafka Streams application id as the broker sees it (the group, the internal topics' prefix). */
    public String processorGroup() {
        return topicPrefix() + processorApplicationId;
    }

    public String rawTopic() {
        return Topics.EVENTS_RAW.prefixed(topicPrefix()).name();
    }

    public String logTopic() {
        return Topics.EVENTS_LOG.prefixed(topicPrefix()).name();
    }

    public String rejectedTopic() {
        return Topics.EVENTS_REJECTED.prefixed(topicPrefix()).name();
    }

    @Override
    public String toString() {
        return kafka + " database=" + databaseUrl + " user=" + databaseUser + " processor=" + processorUrl
                + " writer=" + writerUrl;
    }

    private static URI url(Variables v, String name, String fallback) {
        String value = v.text(name, fallback);
        String problem = "must be an http(s) URL such as " + fallback + ", got " + value;
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            require(uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null, name, problem);
            return uri;
        } catch (IllegalArgumentException e) {
            require(false, name, problem);
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
