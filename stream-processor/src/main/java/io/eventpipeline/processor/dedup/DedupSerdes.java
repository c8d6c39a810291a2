package io.eventpipeline.processor.dedup;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Fixed-width binary serdes for the dedup store: 16 bytes per id, 20 per first sighting. */
final class DedupSerdes {

    static final Serde<UUID> EVENT_ID = Serdes.serdeFrom(
            (Serializer<UUID>) (topic, id) -> id == null ? null : ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array(),
            (Deserializer<UUID>) (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                requireLength(bytes, 16);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new UUID(buffer.getLong(), buffer.getLong());
            });

    static final Serde<SeenEvent> SEEN_EVENT = Serdes.serdeFrom(
            (Serializer<SeenEvent>) (topic, seen) -> seen == null ? null : ByteBuffer.allocate(20)
                    .putInt(seen.partition()).putLong(seen.offset()).putLong(seen.timestampMs()).array(),
            (Deserializer<SeenEvent>) (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                requireLength(bytes, 20);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new SeenEvent(buffer.getInt(), buffer.getLong(), buffer.getLong());
            });

    private DedupSerdes() {
    }

    private static void requireLength(byte[] bytes, int expected) {
        if (bytes.length != expected) {
            throw new SerializationException("expected " + expected + " bytes, got " + bytes.length);
        }
    }
}
