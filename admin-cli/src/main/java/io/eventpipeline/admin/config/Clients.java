package io.eventpipeline.admin.config;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Opens the clients a command needs, each configured from {@link AdminSettings}; callers close them. */
public final class Clients {

    private final AdminSettings settings;

    public Clients(AdminSettings settings) {
        this.settings = settings;
    }

    public AdminSettings settings() {
        return settings;
    }

    public Admin admin() {
        Map<String, Object> config = common("admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(settings.timeout().toMillis(), 15_000));
        return Admin.create(config);
    }

    /**
     * A consumer without a group (it is assigned partitions and never commits), reading only committed
     * transactions as the writer does.
     */
    public KafkaConsumer<String, byte[]> reader() {
        return reader(500);
    }

    /** {@link #reader()} returning up to {@code maxPollRecords} records per poll. */
    public KafkaConsumer<String, byte[]> reader(int maxPollRecords) {
        Map<String, Object> config = common("reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer that waits for every in-sync replica, as the ingest-api's. */
    public KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = common("redrive");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        // must cover linger.ms + request.timeout.ms
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(settings.timeout().toMillis(), 30_000) + 15_000);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.budget().producerMaxRequestSize());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public Connection database() throws SQLException {
        DriverManager.setLoginTimeout((int) Math.max(1, settings.timeout().toSeconds()));
        return DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
    }

    public HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Bootstrap servers and the security settings every client of the pipeline shares (decisions D6). */
    private Map<String, Object> common(String purpose) {
        Map<String, Object> config = settings.kafka().clientProperties();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "event-pipeline-admin-" + purpose);
        return config;
    }
}
