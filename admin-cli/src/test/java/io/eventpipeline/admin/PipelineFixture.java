package io.eventpipeline.admin;

import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

/**
 * One test class's own slice of the shared test servers: a topic prefix, topics, a migrated database,
 * and the environment {@code ./admin} reads to find them.
 */
public final class PipelineFixture {

    private final Infrastructure servers = TestServers.shared();
    private final String prefix;
    private final String databaseUrl;

    public PipelineFixture(String name, int partitions) {
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.databaseUrl = servers.freshDatabase(name.replace('-', '_'));
        Flyway.configure().dataSource(databaseUrl, servers.databaseUser(), servers.databasePassword())
                .locations("classpath:db/migration").load().migrate();
        TopicProvisioner.ensureTopics(bootstrap(), prefix, partitions, (short) 1);
    }

    public String prefix() {
        return prefix;
    }

    public String bootstrap() {
        return servers.kafkaBootstrapServers();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public String topic(String name) {
        return prefix + name;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", servers.databaseUser());
        env.put("DATABASE_PASSWORD", servers.databasePassword());
        env.put("TOPIC_PREFIX", prefix);
        env.put("ADMIN_TIMEOUT", "PT20S");
        return env;
    }

    public AdminRun admin() {
        return new AdminRun(environment());
    }

    public Admin kafkaAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
    }

    public KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
