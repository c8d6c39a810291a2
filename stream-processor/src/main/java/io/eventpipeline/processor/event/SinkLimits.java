package io.eventpipeline.processor.event;

import io.eventpipeline.schemas.SizeBudget;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What each output topic really accepts. At start every topic allows the {@link SizeBudget} (the topic
 * provisioner refused to start otherwise), so this learns only from a refusal: when a topic refused a
 * record of {@code n} bytes (an operator lowered its {@code max.message.bytes} while this ran), records of
 * {@code n} bytes or more are from then on routed to {@code events.rejected} as {@code too_large} before they
 * are sent. The production exception handler teaches it; the retried records then take the other way, so a
 * refused send costs one retry of the transaction, never a stopped partition. Shared by every thread of
 * one instance; forgotten at restart, where the start-time check refuses the misconfigured topic loudly.
 */
public final class SinkLimits {

    /** Streams config key under which the instance is handed to the production exception handler. */
    public static final String CONFIG_KEY = "event-pipeline.sink-limits";
    // record overhead beyond key, value and headers (varints, attributes, the batch header): generous
    private static final int RECORD_OVERHEAD_BYTES = 128;

    private final Map<String, Integer> refusedAt = new ConcurrentHashMap<>();

    /** Remembers that {@code topic} refused a record of {@code bytes}; returns whether that lowered the limit. */
    public boolean refused(String topic, int bytes) {
        Integer before = refusedAt.get(topic);
        refusedAt.merge(topic, bytes, Math::min);
        return before == null || bytes < before;
    }

    /** Whether {@code topic} takes a record of {@code bytes} as far as is known. */
    public boolean allows(String topic, int bytes) {
        Integer refused = refusedAt.get(topic);
        return refused == null || bytes < refused;
    }

    /** The smallest size {@code topic} refused, if it refused any. */
    public Optional<Integer> refusedSize(String topic) {
        return Optional.ofNullable(refusedAt.get(topic));
    }

    /** An upper bound of a record's size as the producer counts it (uncompressed). */
    public static int sizeOf(String key, byte[] value, Headers headers) {
        int size = RECORD_OVERHEAD_BYTES + (value == null ? 0 : value.length);
        size += key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
        for (Header h : headers) {
            size += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length) + 10;
        }
        return size;
    }

    /** An upper bound of a record's size as the producer counts it, from the serialized key. */
    public static int sizeOf(byte[] key, byte[] value, Headers headers) {
        int keyBytes = key == null ? 0 : key.length;
        return sizeOf((String) null, value, headers) + keyBytes;
    }
}
