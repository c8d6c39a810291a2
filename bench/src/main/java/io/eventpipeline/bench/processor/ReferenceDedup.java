package io.eventpipeline.bench.processor;

import io.eventpipeline.schemas.Json;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import tools.jackson.databind.JsonNode;

/**
 * The reference dedup pattern, written here from its description (not copied): the event id is parsed out of the
 * JSON value; a window store keyed by event id is fetched over the window around the record's timestamp; a hit
 * drops the record, a miss puts the id with the timestamp and forwards the record unchanged. Records without an
 * id pass through, as the pattern leaves them.
 */
final class ReferenceDedup implements FixedKeyProcessor<String, byte[], byte[]> {

    private FixedKeyProcessorContext<String, byte[]> context;
    private WindowStore<String, Long> seen;
    private final long windowMillis = PeerTopology.WINDOW.toMillis();

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
        this.seen = context.getStateStore(PeerTopology.STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String eventId = eventId(record.value());
        if (eventId == null) {
            context.forward(record);
            return;
        }
        long at = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, at - windowMillis, at + windowMillis)) {
            if (earlier.hasNext()) {
                return;
            }
        }
        seen.put(eventId, at, at);
        context.forward(record);
    }

    private static String eventId(byte[] value) {
        if (value == null) {
            return null;
        }
        JsonNode id = Json.MAPPER.readTree(value).get("eventId");
        return id == null || !id.isString() ? null : id.asString();
    }
}
