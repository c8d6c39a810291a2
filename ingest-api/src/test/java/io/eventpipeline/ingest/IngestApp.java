package io.eventpipeline.ingest;

import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.KeyTokens;
import io.eventpipeline.access.Scope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * One running ingest-api for a test class, against the shared real Kafka, Postgres and Redis, isolated by
 * its own database, topic prefix and (therefore) Redis key namespace.
 */
public final class IngestApp implements AutoCloseable {

    public static final String PRODUCER = "producer-a";

    private final ConfigurableApplicationContext context;
    private final String kafkaBootstrap;
    private final String topicPrefix;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    private IngestApp(ConfigurableApplicationContext context, String kafkaBootstrap, String topicPrefix, String apiKey) {
        this.context = context;
        this.kafkaBootstrap = kafkaBootstrap;
        this.topicPrefix = topicPrefix;
        this.apiKey = apiKey;
        this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** Starts the service; {@code overrides} win over the defaults here (e.g. REDIS_URL, IDEMPOTENCY_TTL). */
    public static IngestApp start(String name, Map<String, String> overrides) {
        Infrastructure infra = TestServers.shared();
        String apiKey = KeyTokens.newPlainKey();
        String prefix = overrides.getOrDefault("TOPIC_PREFIX", "it." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".");
        Map<String, Object> props = new HashMap<>();
        props.put("HTTP_PORT", "0");
        props.put("MANAGEMENT_PORT", "0");
        props.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        props.put("DATABASE_URL", infra.freshDatabase("ingest_" + name));
        props.put("DATABASE_USER", infra.databaseUser());
        props.put("DATABASE_PASSWORD", infra.databasePassword());
        props.put("REDIS_URL", infra.redisUrl());
        props.put("TOPIC_PREFIX", prefix);
        props.put("TOPIC_PARTITIONS", "3");
        props.put("INGEST_BOOTSTRAP_API_KEY", apiKey);
        props.put("INGEST_BOOTSTRAP_PRODUCER", PRODUCER);
        props.put("spring.main.banner-mode", "off");
        props.putAll(overrides);
        String bootstrap = (String) props.get("KAFKA_BOOTSTRAP_SERVERS");
        ConfigurableApplicationContext context = IngestApiApplication.builder().properties(props).run();
        return new IngestApp(context, bootstrap, prefix, apiKey);
    }

    public String apiKey() {
        return apiKey;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Every bean of {@code type}, by name (none is an empty map). */
    public <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    /** A new active key for {@code producer} with scope produce. */
    public String keyFor(String producer) {
        return bean(ApiKeyStore.class).create(producer, null, Set.of(Scope.PRODUCE)).plainKey();
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public HttpResponse<String> post(String path, String key, String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    public HttpResponse<String> postEvent(String idempotencyKey, String body) {
        return post("/v1/events", apiKey, idempotencyKey, body);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** GET on the management port, where the actuator lives. */
    public HttpResponse<String> getManagement(String path) {
        URI management = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"));
        return send(HttpRequest.newBuilder(management.resolve(path)).GET().build());
    }

    public static String event(String aggregateId, String payloadJson) {
        return """
                {"aggregateType":"order","aggregateId":"%s","eventType":"order.placed","payload":%s}"""
                .formatted(aggregateId, payloadJson);
    }

    public static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    /**
     * Every record on this app's events.raw up to the current end offsets. Answers are only given after
     * Kafka acknowledged, so everything an answer reported is already there: no waiting needed.
     */
    public List<ConsumerRecord<String, String>> rawRecords() {
        String topic = Topics.EVENTS_RAW.prefixed(topicPrefix).name();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** The records whose envelope carries this Idempotency-Key. */
    public List<JsonNode> rawEnvelopesWithKey(String idempotencyKey) {
        return rawRecords().stream().map(r -> json(r.value()))
                .filter(n -> idempotencyKey.equals(n.path("idempotencyKey").asString(null)))
                .toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
