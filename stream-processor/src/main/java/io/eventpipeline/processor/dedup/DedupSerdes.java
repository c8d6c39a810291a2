package io.eventpipeline.processor.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serdes for the dedup store: 18 bytes plus the producer id per key, 20 per first sighting. */
final class DedupSerdes {

    /** The producer's id (UTF-8, length-prefixed) then the eventId's 16 bytes. */
    static final Serde<DedupKey> KEY = Serdes.serdeFrom(
            (Serializer<DedupKey>) (topic, key) -> key == null ? null : write(key),
            (Deserializer<DedupKey>) (topic, bytes) -> bytes == null ? null : read(bytes));

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

    private static byte[] write(DedupKey key) {
        byte[] producer = key.producerId().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + producer.length + 16).putShort((short) producer.length).put(producer)
                .putLong(key.eventId().getMostSignificantBits()).putLong(key.eventId().getLeastSignificantBits())
                .array();
    }

    private static DedupKey read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = buffer.getShort() & 0xffff;
        requireLength(bytes, 2 + length + 16);
        String producer = new String(bytes, 2, length, StandardCharsets.UTF_8);
        buffer.position(2 + length);
        return new DedupKey(producer, new UUID(buffer.getLong(), buffer.getLong()));
    }

    private static void requireLength(byte[] bytes, int expected) {
        if (bytes.length != expected) {
            throw new SerializationException("expected " + expected + " bytes, got " + bytes.length);
        }
    }
}
