package io.eventpipeline.admin.rebuild;

import io.eventpipeline.schemas.CacheInvalidation;
import io.eventpipeline.schemas.CacheKeys;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topic;
import io.eventpipeline.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jooq.JSONB;
import tools.jackson.databind.JsonNode;

/**
 * After a swap or replace commits, tells every cache (read-api, downstream readers) to forget the rows
 * that changed, with the message the writer publishes ({@link CacheInvalidation}, one record per cache
 * key on {@code cache.invalidations}), so nobody keeps serving the old projections.
 */
final class Invalidations {

    private Invalidations() {
    }

    /** One message per cache key of the changed rows (V8's projection_rebuild_changes), in key order. */
    static List<CacheInvalidation> of(JSONB changes, Instant committedAt) {
        Map<String, CacheInvalidation> byKey = new TreeMap<>();
        for (JsonNode change : Json.MAPPER.readTree(changes.data())) {
            String producer = change.path("producer").asString();
            String id = change.path("id").asString();
            switch (change.path("kind").asString()) {
                case "aggregate" -> {
                    String type = change.path("type").asString();
                    String key = CacheKeys.aggregate(producer, type, id);
                    byKey.put(key, new CacheInvalidation(List.of(key), producer + "/" + type + "/" + id,
                            change.path("version").asLong(0), committedAt));
                }
                case "memory" -> {
                    add(byKey, CacheKeys.memory(producer, id), CacheKeys.MEMORIES_PROJECTION, committedAt);
                    change.path("users").forEach(user -> add(byKey, CacheKeys.userMemories(producer, user.asString()),
                            CacheKeys.MEMORIES_PROJECTION, committedAt));
                }
                default -> add(byKey, CacheKeys.mcpContext(producer, id), CacheKeys.MCP_CONTEXTS_PROJECTION, committedAt);
            }
        }
        return List.copyOf(byKey.values());
    }

    private static void add(Map<String, CacheInvalidation> byKey, String key, String projection, Instant committedAt) {
        byKey.putIfAbsent(key, new CacheInvalidation(List.of(key), projection, 0, committedAt));
    }

    /** Publishes and waits for the broker's acknowledgement of every message. */
    static void publish(Producer<String, byte[]> producer, String topicPrefix, List<CacheInvalidation> messages,
            Duration timeout) throws Exception {
        Topic<String, CacheInvalidation> topic = Topics.CACHE_INVALIDATIONS.prefixed(topicPrefix);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (CacheInvalidation message : messages) {
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), message);
            acks.add(producer.send(new ProducerRecord<>(topic.name(), message.keys().getFirst(), value)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
