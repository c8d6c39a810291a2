package io.eventpipeline.read.support;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.EVENTS;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.Topic;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

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

    public ReadFixture(String name, Infrastructure servers) {
        this.servers = servers;
        this.jdbcUrl = servers.freshDatabase(name);
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Flyway.configure().dataSource(jdbcUrl, servers.databaseUser(), servers.databasePassword())
                .locations("classpath:db/migration").load().migrate();
        this.dsl = DSL.using(new org.postgresql.ds.PGSimpleDataSource() {
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

    /** Upserts a stream head as the writer's projection does. */
    public void putAggregate(String type, String id, long version, String lastEventType, Instant updatedAt) {
        OffsetDateTime at = OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC);
        dsl.insertInto(AGGREGATES).set(AGGREGATES.PRODUCER_ID, PRODUCER)
                .set(AGGREGATES.AGGREGATE_TYPE, type).set(AGGREGATES.AGGREGATE_ID, id).set(AGGREGATES.VERSION, version)
                .set(AGGREGATES.LAST_EVENT_ID, UUID.randomUUID()).set(AGGREGATES.LAST_EVENT_TYPE, lastEventType)
                .set(AGGREGATES.EVENT_COUNT, version).set(AGGREGATES.UPDATED_AT, at)
                .onConflict(AGGREGATES.PRODUCER_ID, AGGREGATES.AGGREGATE_TYPE, AGGREGATES.AGGREGATE_ID).doUpdate()
                .set(AGGREGATES.VERSION, version).set(AGGREGATES.LAST_EVENT_TYPE, lastEventType)
                .set(AGGREGATES.EVENT_COUNT, version).set(AGGREGATES.UPDATED_AT, at)
                .execute();
    }

    public void putEvent(String type, String id, long version, String eventType, String payloadJson) {
        putEventAt(type, id, version, eventType, payloadJson, Instant.now());
    }

    /** An event stored at {@code createdAt} (its month's partition is made when missing). */
    public void putEventAt(String type, String id, long version, String eventType, String payloadJson, Instant createdAt) {
        OffsetDateTime now = OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        dsl.execute("SELECT ensure_events_partition({0})", DSL.val(now.toLocalDate()));
        dsl.insertInto(EVENTS).set(EVENTS.PRODUCER_ID, PRODUCER)
                .set(EVENTS.EVENT_ID, UUID.randomUUID()).set(EVENTS.AGGREGATE_TYPE, type).set(EVENTS.AGGREGATE_ID, id)
                .set(EVENTS.EVENT_VERSION, version).set(EVENTS.EVENT_TYPE, eventType).set(EVENTS.OCCURRED_AT, now)
                .set(EVENTS.CREATED_AT, now).set(EVENTS.EVENT_DATA, JSONB.valueOf(payloadJson))
                .set(EVENTS.METADATA, JSONB.valueOf("{}"))
                .execute();
    }

    public void putMemory(String memoryId, String userId, String content, Instant createdAt) {
        dsl.insertInto(MEMORIES).set(MEMORIES.PRODUCER_ID, PRODUCER).set(MEMORIES.MEMORY_ID, memoryId).set(MEMORIES.USER_ID, userId).set(MEMORIES.CONTENT, content)
                .set(MEMORIES.CREATED_AT, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)).execute();
    }

    public void deleteMemory(String memoryId) {
        dsl.update(MEMORIES).set(MEMORIES.DELETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(MEMORIES.MEMORY_ID.eq(memoryId)).execute();
    }

    /** Inserts a context, or overwrites its data as the writer does for a newer mcp.context.recorded. */
    public void putMcpContext(String contextId, String dataJson) {
        dsl.insertInto(MCP_CONTEXTS).set(MCP_CONTEXTS.PRODUCER_ID, PRODUCER).set(MCP_CONTEXTS.CONTEXT_ID, contextId)
                .set(MCP_CONTEXTS.DATA, JSONB.valueOf(dataJson))
                .set(MCP_CONTEXTS.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .onConflict(MCP_CONTEXTS.PRODUCER_ID, MCP_CONTEXTS.CONTEXT_ID).doUpdate().set(MCP_CONTEXTS.DATA, JSONB.valueOf(dataJson))
                .execute();
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
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
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
        producer.close(Duration.ofSeconds(5));
    }
}
