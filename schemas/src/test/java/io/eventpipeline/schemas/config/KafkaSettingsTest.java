package io.eventpipeline.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldDefaultToALocalPlaintextBrokerWhenNothingIsSet() {
        KafkaSettings kafka = KafkaSettings.from(Variables.of(Map.of()));

        assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(kafka.topicPartitions()).isEqualTo(6);
        assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
        assertThat(kafka.clientProperties()).containsOnly(entry("bootstrap.servers", "localhost:9092"),
                entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void shouldTurnSaslSslVariablesIntoClientProperties() throws IOException {
        Path truststore = Files.writeString(dir.resolve("truststore.p12"), "not read here");
        KafkaSettings kafka = KafkaSettings.from(Variables.of(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093", "TOPIC_REPLICATION_FACTOR", "3",
                "KAFKA_SECURITY_PROTOCOL", "sasl_ssl", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", "pipeline", "KAFKA_SASL_PASSWORD", "pa\"ss",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(), "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit")));

        assertThat(kafka.clientProperties()).contains(
                entry("bootstrap.servers", "kafka-1:9093,kafka-2:9093"),
                entry("security.protocol", "SASL_SSL"),
                entry("sasl.mechanism", "SCRAM-SHA-512"),
                entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"pipeline\" password=\"pa\\\"ss\";"),
                entry("ssl.truststore.location", truststore.toString()),
                entry("ssl.truststore.password", "changeit"),
                entry("ssl.truststore.type", "PKCS12"));
        assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void shouldBeAcceptedByKafkaClientsAsTheyAre() {
        Map<String, Object> props = new HashMap<>(KafkaSettings.from(Variables.of(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"u\" password=\"p\";"))).clientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);

        ProducerConfig producer = new ProducerConfig(props);
        AdminClientConfig admin = new AdminClientConfig(props);

        assertThat(producer.getString("security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(admin.getPassword("sasl.jaas.config").value()).contains("username=\"u\"");
        assertThat(admin.getPassword("sasl.jaas.config").toString()).isEqualTo("[hidden]");
    }

    @Test
    void shouldNameTheVariableWhenSecurityIsIncomplete() {
        assertThatThrownBy(() -> from("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"))
                .hasMessageStartingWith("KAFKA_SASL_MECHANISM must be set");
        assertThatThrownBy(() -> from("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN"))
                .hasMessageStartingWith("KAFKA_SASL_JAAS_CONFIG");
        assertThatThrownBy(() -> from("KAFKA_SASL_MECHANISM", "PLAIN"))
                .hasMessageStartingWith("KAFKA_SASL_MECHANISM is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT");
        assertThatThrownBy(() -> from("KAFKA_SECURITY_PROTOCOL", "TLS"))
                .hasMessageStartingWith("KAFKA_SECURITY_PROTOCOL must be one of");
        assertThatThrownBy(() -> from("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_TRUSTSTORE_LOCATION", "/nowhere.p12"))
                .hasMessage("KAFKA_SSL_TRUSTSTORE_LOCATION must be a readable file, got '/nowhere.p12'");
        assertThatThrownBy(() -> from("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "OAUTHBEARER",
                "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"))
                .hasMessageStartingWith("KAFKA_SASL_USERNAME works only with");
        assertThatThrownBy(() -> from("TOPIC_PREFIX", "a/b")).hasMessageStartingWith("TOPIC_PREFIX may hold only");
        assertThatThrownBy(() -> from("TOPIC_PARTITIONS", "0")).hasMessage("TOPIC_PARTITIONS must be > 0");
        assertThatThrownBy(() -> from("KAFKA_BOOTSTRAP_SERVERS", "x", "TOPIC_REPLICATION_FACTOR", "40000"))
                .hasMessageStartingWith("TOPIC_REPLICATION_FACTOR must be <=");
    }

    @Test
    void shouldNeverPrintSecretsWhenLogged() throws IOException {
        Path keystore = Files.writeString(dir.resolve("keystore.p12"), "x");
        KafkaSettings kafka = from("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "pipeline", "KAFKA_SASL_PASSWORD", "sasl-secret",
                "KAFKA_SSL_KEYSTORE_LOCATION", keystore.toString(), "KAFKA_SSL_KEYSTORE_PASSWORD", "store-secret",
                "KAFKA_SSL_KEY_PASSWORD", "key-secret");

        assertThat(kafka.toString()).doesNotContain("sasl-secret", "store-secret", "key-secret")
                .contains("SASL_SSL", "PLAIN", "jaas=***", keystore.toString());
    }

    @Test
    void shouldTurnHostNameVerificationOffOnlyWhenToldNone() {
        assertThat(from("KAFKA_SECURITY_PROTOCOL", "SSL").clientProperties())
                .doesNotContainKey("ssl.endpoint.identification.algorithm");
        assertThat(from("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "none")
                .clientProperties()).containsEntry("ssl.endpoint.identification.algorithm", "");
    }

    private static KafkaSettings from(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return KafkaSettings.from(Variables.of(values));
    }
}
