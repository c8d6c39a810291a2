package io.eventpipeline.invalidation;

import io.eventpipeline.schemas.Json;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads a record leniently: members it does not know are ignored (new ones may be added), and a value
 * it cannot read still yields the record key, which is a cache key.
 */
final class InvalidationReader {

    private InvalidationReader() {
    }

    static Invalidation read(ConsumerRecord<String, byte[]> record) {
        Set<String> keys = new LinkedHashSet<>();
        if (record.key() != null) {
            keys.add(record.key());
        }
        try {
            JsonNode value = record.value() == null ? null : Json.MAPPER.readTree(record.value());
            if (value != null && value.path("keys").isArray() && value.path("committedAt").isString()) {
                value.path("keys").forEach(k -> keys.add(k.asString()));
                return new Invalidation(keys.stream().toList(), value.path("aggregate").asString(""),
                        value.path("version").asLong(-1), Instant.parse(value.path("committedAt").asString()),
                        record.partition(), record.offset());
            }
        } catch (RuntimeException e) {
            // Unreadable value: the record key alone is evicted (below).
        }
        return new Invalidation(keys.stream().toList(), "", -1, null, record.partition(), record.offset());
    }
}
