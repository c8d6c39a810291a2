package io.eventpipeline.admin.config;

import io.eventpipeline.schemas.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * What the admin command line talks to, from the same environment variables the services read. Every
 * default points at {@code ./run}'s embedded servers, so on a developer machine no variable is needed.
 *
 * @param kafkaBootstrapServers  {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param databaseUrl            {@code DATABASE_URL} (JDBC)
 * @param databaseUser           {@code DATABASE_USER}
 * @param databasePassword       {@code DATABASE_PASSWORD}, never printed
 * @param topicPrefix            {@code TOPIC_PREFIX}
 * @param processorApplicationId {@code PROCESSOR_APPLICATION_ID}, unprefixed as the processor reads it
 * @param writerGroupId          {@code WRITER_GROUP_ID}, the key of the writer's offsets in Postgres
 * @param processorUrl           {@code PROCESSOR_MANAGEMENT_URL}, the processor's management (actuator) port
 * @param writerUrl              {@code WRITER_MANAGEMENT_URL}, the writer's management port
 * @param timeout                {@code ADMIN_TIMEOUT}, for each call to a server
 */
public record AdminSettings(String kafkaBootstrapServers, String databaseUrl, String databaseUser,
        String databasePassword, String topicPrefix, String processorApplicationId, String writerGroupId,
        URI processorUrl, URI writerUrl, Duration timeout) {

    public static final String DEFAULT_KAFKA = "127.0.0.1:19092";
    public static final String DEFAULT_DATABASE_URL = "jdbc:postgresql://127.0.0.1:15432/postgres";

    public AdminSettings {
        require(!kafkaBootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS must not be empty");
        require(databaseUrl.startsWith("jdbc:postgresql:"),
                "DATABASE_URL must be a JDBC URL starting with jdbc:postgresql:, got " + databaseUrl);
        require(processorApplicationId.matches("[A-Za-z0-9._-]+"),
                "PROCESSOR_APPLICATION_ID must hold only letters, digits, '.', '_' and '-'");
        require(!writerGroupId.isBlank(), "WRITER_GROUP_ID must not be empty");
        require(timeout.isPositive(), "ADMIN_TIMEOUT must be > 0");
    }

    public static AdminSettings fromEnvironment(Function<String, String> env) {
        return new AdminSettings(
                orDefault(env, "KAFKA_BOOTSTRAP_SERVERS", DEFAULT_KAFKA),
                orDefault(env, "DATABASE_URL", DEFAULT_DATABASE_URL),
                orDefault(env, "DATABASE_USER", "postgres"),
                env.apply("DATABASE_PASSWORD") == null ? "" : env.apply("DATABASE_PASSWORD"),
                orDefault(env, "TOPIC_PREFIX", ""),
                orDefault(env, "PROCESSOR_APPLICATION_ID", "event-pipeline-processor"),
                orDefault(env, "WRITER_GROUP_ID", "event-pipeline-projection-writer"),
                url(env, "PROCESSOR_MANAGEMENT_URL", "http://127.0.0.1:8081"),
                url(env, "WRITER_MANAGEMENT_URL", "http://127.0.0.1:8082"),
                duration(env, "ADMIN_TIMEOUT", "PT30S"));
    }

    /** The processor's Kafka Streams application id as the broker sees it (the group, the internal topics' prefix). */
    public String processorGroup() {
        return topicPrefix + processorApplicationId;
    }

    public String rawTopic() {
        return Topics.EVENTS_RAW.prefixed(topicPrefix).name();
    }

    public String logTopic() {
        return Topics.EVENTS_LOG.prefixed(topicPrefix).name();
    }

    public String rejectedTopic() {
        return Topics.EVENTS_REJECTED.prefixed(topicPrefix).name();
    }

    @Override
    public String toString() {
        return "kafka=" + kafkaBootstrapServers + " database=" + databaseUrl + " user=" + databaseUser
                + " prefix='" + topicPrefix + "' processor=" + processorUrl + " writer=" + writerUrl;
    }

    private static URI url(Function<String, String> env, String name, String fallback) {
        String value = orDefault(env, name, fallback);
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            require(uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null,
                    name + " must be an http(s) URL such as http://127.0.0.1:8081, got " + value);
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http(s) URL such as http://127.0.0.1:8081, got "
                    + value, e);
        }
    }

    private static Duration duration(Function<String, String> env, String name, String fallback) {
        String value = orDefault(env, name, fallback);
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S, got " + value, e);
        }
    }

    private static String orDefault(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
