package io.eventpipeline.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic with the serdes of its key and value; the only way modules name a topic. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /**
     * The same topic under a name prefix ({@code TOPIC_PREFIX}), so several pipelines or test classes
     * can share one cluster without seeing each other's records.
     */
    public Topic<K, V> prefixed(String prefix) {
        return prefix == null || prefix.isEmpty() ? this : new Topic<>(prefix + name, keySerde, valueSerde);
    }
}
