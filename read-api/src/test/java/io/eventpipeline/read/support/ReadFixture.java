package io.eventpipeline.read.support;

import io.eventpipeline.access.ApiKeyStore;
import io.eventpipeline.access.KeyChanges;
import io.eventpipeline.access.RedisKeyChanges;
import io.eventpipeline.access.Scope;
import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topic;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.schemas.config.RedisUrl;
import io.eventpipeline.servers.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test class's world: its own database (migrated with the sql jar's Flyway scripts, as the writer would),
 * its own topic prefix, and writes shaped like the projection-writer's (rows through jOOQ, then an invalidation).
 */
public final class ReadFixture implements AutoCloseable {

    /** The producer (tenant, docs/decisions.md D1) that owns every row this fixture writes. */
    public static final String PRODUCER = "producer-1";

    public final Infrastructure servers;
    public final String jdbcUrl;
    public final String prefix;
    public final DSLContext dsl;
    private final KafkaProducer<String, CacheInvalidation> producer;
    private final Topic<String, CacheInvalidation> invalidations;
    private final KeyChanges keyChanges;
    /** A key of {@link #PRODUCER} with the {@code read} scope. */
    public final String readKey;

    public ReadFixture(String name, Infrastructure servers) {
        this.servers = servers;
        this.jdbcUrl = servers.freshDatabase(name);
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Flyway.configure().dataSource(jdbcUrl, servers.databaseUser(), servers.databasePassword())
                .locations("classpath:db/migration").load().migrate();
        this.dsl = DSL.using(new PGSimpleDataSource() {
            {
                setUrl(jdbcUrl);
                setUser(servers.databaseUser());
                setPassword(servers.databasePassword());
            }
        }, SQLDialect.POSTGRES, new Settings().withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
        dsl.execute("SELECT ensure_events_partition(current_date)");
        TopicProvisioner.ensureTopics(servers.kafkaBootstrapServers(), prefix, 2, (short) 1);
        this.invalidations = Topics.CACHE_INVALIDATIONS.prefixed(prefix);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), invalidations.keySerde().serializer(), invalidations.valueSerde().serializer());
        this.keyChanges = new RedisKeyChanges(new RedisUrl(servers.redisUrl()), prefix, Duration.ofSeconds(1));
        this.readKey = apiKey(PRODUCER, Scope.READ);
    }

    /** The variables the service reads, pointing at this class's database, prefix and the given Redis. */
    public Map<String, Object> environment(String redisUrl) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("HTTP_PORT", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers());
        env.put("DATABASE_URL", jdbcUrl);
        env.put("DATABASE_USER", servers.databaseUser());
        env.put("DATABASE_PASSWORD", servers.databasePassword());
        env.put("REDIS_URL", redisUrl);
        env.put("TOPIC_PREFIX", prefix);
        env.put("TOPIC_PARTITIONS", "2");
        env.put("CACHE_KEY_PREFIX", prefix);
        env.put("READ_POOL_SIZE", "4");
        return env;
    }

    /** Writes as {@code producer}'s projection rows. */
    public Rows rows(String producer) {
        return new Rows(dsl, producer);
    }

    public void putAggregate(String type, String id, long version, String lastEventType, Instant updatedAt) {
        rows(PRODUCER).putAggregate(type, id, version, lastEventType, updatedAt);
    }

    public void putEvent(String type, String id, long version, String eventType, String payloadJson) {
        rows(PRODUCER).putEvent(type, id, version, eventType, payloadJson);
    }

    public void putEventAt(String type, String id, long version, String eventType, String payloadJson, Instant createdAt) {
        rows(PRODUCER).putEventAt(type, id, version, eventType, payloadJson, createdAt);
    }

    public void putMemory(String memoryId, String userId, String content, Instant createdAt) {
        rows(PRODUCER).putMemory(memoryId, userId, content, createdAt);
    }

    public void deleteMemory(String memoryId) {
        rows(PRODUCER).deleteMemory(memoryId);
    }

    public void putMcpContext(String contextId, String dataJson) {
        rows(PRODUCER).putMcpContext(contextId, dataJson);
    }

    /** A new API key of {@code producer} with these scopes; the plain key, for {@code Authorization: Bearer}. */
    public String apiKey(String producer, Scope... scopes) {
        return keys().create(producer, null, Set.of(scopes)).plainKey();
    }

    /** The store as the {@code keys} command uses it: revocations are announced to running services over Redis. */
    public ApiKeyStore keys() {
        return new ApiKeyStore(dsl, keyChanges, new SimpleMeterRegistry());
    }

    /** Publishes an invalidation of one key, keyed by it, as the writer does after commit; waits for the ack. */
    public void invalidate(String cacheKey, String aggregate, long version) throws Exception {
        producer.send(new ProducerRecord<>(invalidations.name(), cacheKey,
                new CacheInvalidation(List.of(cacheKey), aggregate, version, Instant.now()))).get(30, TimeUnit.SECONDS);
    }

    /** Publishes raw bytes as the value (a message this version cannot read), keyed by a cache key. */
    public void invalidateWithUnreadableValue(String cacheKey) throws Exception {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(invalidations.name(), cacheKey, "{not json".getBytes())).get(30, TimeUnit.SECONDS);
        }
    }

    /** Polls {@code condition} until true or {@code timeout}; fails naming {@code what}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        keyChanges.close();
        producer.close(Duration.ofSeconds(5));
    }
}
