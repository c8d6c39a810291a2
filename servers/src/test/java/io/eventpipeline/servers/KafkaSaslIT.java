package io.eventpipeline.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.Variables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared Kafka settings authenticate against a broker that demands SASL, as every service's clients do. */
class KafkaSaslIT {

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecuredBroker() {
        kafka = EmbeddedKafka.startWithSasl(dir, Map.of("pipeline", "pipeline-secret"));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldCreateATopicWhenTheCredentialsAreRight() throws Exception {
        KafkaSettings settings = settings("pipeline-secret");
        String topic = settings.topicName(Topics.EVENTS_RAW.name());

        try (Admin admin = Admin.create(settings.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, settings.topicPartitions(), settings.replicationFactor())))
                    .all().get(30, TimeUnit.SECONDS);
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);

            assertThat(names).contains("sasl-events.raw");
        }
    }

    @Test
    void shouldBeRefusedWhenThePasswordIsWrong() {
        try (Admin admin = Admin.create(settings("wrong").clientProperties())) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaSettings settings(String password) {
        return KafkaSettings.from(Variables.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.saslBootstrapServers().orElseThrow(),
                "TOPIC_PREFIX", "sasl-",
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "pipeline",
                "KAFKA_SASL_PASSWORD", password)));
    }
}
