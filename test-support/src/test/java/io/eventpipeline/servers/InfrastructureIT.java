package io.eventpipeline.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.testsupport.TestServers;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InfrastructureIT {

    private final Infrastructure servers = TestServers.shared();

    @Test
    void shouldRoundTripARecordThroughTheBrokerWhenATopicIsCreated() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("servers-it", 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "servers-it-tx");
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("servers-it", "k", "v"));
            producer.commitTransaction();
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "servers-it");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("servers-it"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }

            assertThat(records.count()).isEqualTo(1);
            assertThat(records.iterator().next().value()).isEqualTo("v");
        }
    }

    @Test
    void shouldServeSqlInAFreshDatabase() throws Exception {
        String url = servers.freshDatabase("servers_it");

        try (Connection c = DriverManager.getConnection(url, servers.databaseUser(), servers.databasePassword());
                ResultSet rs = c.createStatement().executeQuery("select current_database(), current_setting('fsync')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("servers_it");
            if (servers.embeddedPostgres().isPresent()) {
                assertThat(rs.getString(2)).isEqualTo("on");
            }
        }
    }

    @Test
    void shouldAnswerPingAndSetNxGetOnRedis() throws Exception {
        java.net.URI uri = java.net.URI.create(servers.redisUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
            out.write("SET servers-it-key v1 NX GET\r\nSET servers-it-key v2 NX GET\r\nDEL servers-it-key\r\n".getBytes());
            out.flush();

            assertThat(in.readLine()).isEqualTo("$-1");
            assertThat(in.readLine()).isEqualTo("$2");
            assertThat(in.readLine()).isEqualTo("v1");
            assertThat(in.readLine()).isEqualTo(":1");
        }
    }

    @Test
    void shouldSwapTheDatabaseNameInAJdbcUrl() {
        assertThat(Infrastructure.withDatabase("jdbc:postgresql://h:5432/postgres?sslmode=disable", "t1"))
                .isEqualTo("jdbc:postgresql://h:5432/t1?sslmode=disable");
        assertThat(Infrastructure.withDatabase("jdbc:postgresql://h/", "t2")).isEqualTo("jdbc:postgresql://h/t2");
    }
}
