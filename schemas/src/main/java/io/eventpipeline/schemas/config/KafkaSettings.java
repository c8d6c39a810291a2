package io.eventpipeline.schemas.config;

import static io.eventpipeline.schemas.config.Variables.require;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka settings every service shares, read the same way everywhere: where the brokers are, how
 * the pipeline's topics are named and created, and how clients authenticate. Each service merges
 * {@link #clientProperties()} into every producer, consumer, admin and Streams configuration.
 *
 * @param bootstrapServers  {@code KAFKA_BOOTSTRAP_SERVERS} (default {@code localhost:9092})
 * @param topicPrefix       {@code TOPIC_PREFIX}: prepended to every topic name, empty for none
 * @param topicPartitions   {@code TOPIC_PARTITIONS} (default 6): for topics created at start
 * @param replicationFactor {@code TOPIC_REPLICATION_FACTOR} (default 1; 3 on a real cluster)
 * @param security          {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*}, {@code KAFKA_SSL_*}
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int topicPartitions, short replicationFactor,
        KafkaSecurity security) {

    public KafkaSettings {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS", "must not be empty");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        require(topicPrefix.matches("[A-Za-z0-9._-]*"), "TOPIC_PREFIX", "may hold only letters, digits, '.', '_' and '-'");
        require(topicPartitions > 0, "TOPIC_PARTITIONS", "must be > 0");
        require(replicationFactor > 0, "TOPIC_REPLICATION_FACTOR", "must be > 0");
        security = security == null ? KafkaSecurity.PLAINTEXT : security;
    }

    public static KafkaSettings from(Variables v) {
        int replication = v.integer("TOPIC_REPLICATION_FACTOR", 1);
        require(replication <= Short.MAX_VALUE, "TOPIC_REPLICATION_FACTOR", "must be <= " + Short.MAX_VALUE);
        return new KafkaSettings(v.text("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"), v.text("TOPIC_PREFIX", ""),
                v.integer("TOPIC_PARTITIONS", 6), (short) replication, KafkaSecurity.from(v));
    }

    /** Plaintext settings for tests and tools: these servers, this prefix, 6 partitions, replication 1. */
    public static KafkaSettings plaintext(String bootstrapServers, String topicPrefix) {
        return new KafkaSettings(bootstrapServers, topicPrefix, 6, (short) 1, KafkaSecurity.PLAINTEXT);
    }

    /**
     * {@code bootstrap.servers} and the security properties, in a new mutable map the caller adds its
     * own client settings to.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(security.properties());
        return p;
    }

    /** The name under which a topic of the registry exists on the cluster. */
    public String topicName(String baseName) {
        return topicPrefix + baseName;
    }

    @Override
    public String toString() {
        return "KafkaSettings[" + bootstrapServers + " prefix='" + topicPrefix + "' partitions=" + topicPartitions
                + " rf=" + replicationFactor + " " + security + "]";
    }
}
