package io.eventpipeline.projection.support;

import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.projection.write.WriteMethod;
import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.projection.config.Databases;
import io.eventpipeline.projection.config.PoolSettings;
import io.eventpipeline.projection.config.WriterSettings;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;

/** Real servers for one test class: its own database, topic prefix and group id. */
public final class WriterFixture implements AutoCloseable {

    public final Infrastructure servers;
    public final String jdbcUrl;
    public final String prefix;
    public final String group;
    public final HikariDataSource pool;
    public final DSLContext dsl;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaProducer<String, byte[]> producer;

    public WriterFixture(String name) {
        this(name, TestServers.shared(), null, true);
    }

    public WriterFixture(String name, Infrastructure servers, String jdbcUrl) {
        this(name, servers, jdbcUrl, true);
    }

    /**
     * @param jdbcUrl a database on a server of the test's own, or null for a fresh one on the shared server
     * @param migrate false leaves the database empty, for tests proving the service migrates it itself
     */
    public WriterFixture(String name, Infrastructure servers, String jdbcUrl, boolean migrate) {
        this.servers = servers;
        this.jdbcUrl = jdbcUrl != null ? jdbcUrl : servers.freshDatabase(name);
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.group = name + "-writer";
        if (migrate) {
            migrate(this.jdbcUrl, servers.databaseUser(), servers.databasePassword());
        }
        this.pool = Databases.pool(poolSettings(this.jdbcUrl, 4), registry);
        this.dsl = Databases.dsl(pool);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        io.eventpipeline.schemas.TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 3, (short) 1);
    }

    public PoolSettings poolSettings(String url, int size) {
        return new PoolSettings("write", url, servers.databaseUser(), servers.databasePassword(), size, 0,
                Duration.ofSeconds(1));
    }

    public static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
    }

    public WriterSettings settings() {
        return settings(200);
    }

    public WriterSettings settings(int batchMaxRecords) {
        return settings(batchMaxRecords, null);
    }

    /** @param retention {@code PARTITION_RETENTION}, or null to keep every month */
    public WriterSettings settings(int batchMaxRecords, java.time.Period retention) {
        return new WriterSettings(new KafkaSettings(servers.kafkaBootstrapServers(), prefix, 3, (short) 1, null), group,
                batchMaxRecords,
                Duration.ofMillis(50), WriteMethod.COPY, 3, retention, false, true, Duration.ofHours(1),
                Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), SizeBudget.DEFAULT);
    }

    public String logTopic() {
        return Topics.EVENTS_LOG.prefixed(prefix).name();
    }

    public static EventEnvelope event(String aggregateType, String aggregateId, String eventType, long version,
            Instant createdAt, String payload) {
        return event("producer-1", UUID.randomUUID(), aggregateType, aggregateId, eventType, version, createdAt, payload);
    }

    public static EventEnvelope event(String producerId, UUID eventId, String aggregateType, String aggregateId,
            String eventType, long version, Instant createdAt, String payload) {
        return new EventEnvelope(eventId, aggregateType, aggregateId, eventType, createdAt, payload,
                "{\"source\":\"test\"}", producerId, "idem-" + UUID.randomUUID(), createdAt, null, version);
    }

    public void send(EventEnvelope envelope) {
        sendRaw(envelope.key(), Topics.EVENTS_LOG.valueSerde().serializer().serialize(logTopic(), envelope));
    }

    public void sendAll(List<EventEnvelope> envelopes) {
        for (EventEnvelope e : envelopes) {
            send(e);
        }
        producer.flush();
    }

    /** Sends to one partition of events.log, and waits for the acknowledgement. */
    public void sendTo(int partition, EventEnvelope envelope) {
        try {
            producer.send(new ProducerRecord<>(logTopic(), partition, envelope.key(),
                    Topics.EVENTS_LOG.valueSerde().serializer().serialize(logTopic(), envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends with a W3C {@code traceparent} header, as the processor does, and waits for the acknowledgement. */
    public void sendTraced(EventEnvelope envelope, String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(logTopic(), envelope.key(),
                Topics.EVENTS_LOG.valueSerde().serializer().serialize(logTopic(), envelope));
        record.headers().add("traceparent", traceparent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(logTopic(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql) {
        Object value = dsl.fetchValue(sql);
        return value == null ? 0 : ((Number) value).longValue();
    }

    public Map<String, Long> rowsPerPartition() {
        Map<String, Long> result = new LinkedHashMap<>();
        dsl.fetch("SELECT tableoid::regclass::text AS p, count(*) AS n FROM events GROUP BY 1 ORDER BY 1")
                .forEach(r -> result.put(r.get("p", String.class), r.get("n", Long.class)));
        return result;
    }

    /** Every record on a topic of this class, read from the beginning until {@code done} holds or the timeout. */
    public <V> List<ConsumerRecord<String, V>> readUntil(String topic, org.apache.kafka.common.serialization.Deserializer<V> values,
            java.util.function.Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public List<ConsumerRecord<String, CacheInvalidation>> invalidationsUntil(
            java.util.function.Predicate<List<ConsumerRecord<String, CacheInvalidation>>> done) {
        return readUntil(Topics.CACHE_INVALIDATIONS.prefixed(prefix).name(),
                Topics.CACHE_INVALIDATIONS.valueSerde().deserializer(), done, Duration.ofSeconds(30));
    }

    public List<ConsumerRecord<String, RejectedEvent>> rejectedUntil(
            java.util.function.Predicate<List<ConsumerRecord<String, RejectedEvent>>> done) {
        return readUntil(Topics.EVENTS_REJECTED.prefixed(prefix).name(),
                Topics.EVENTS_REJECTED.valueSerde().deserializer(), done, Duration.ofSeconds(30));
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // e.g. the database is restarting: ask again
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
    }

    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, servers.databaseUser(), servers.databasePassword());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        pool.close();
    }
}
