package io.eventpipeline.processor.event;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where an event was read from {@code events.raw}: its topic, partition and offset. It travels through the
 * shard topic in the {@value #HEADER} header, so rejections and the dedup store name the record an operator
 * can find, not its copy in the internal topic. The header never leaves the processor ({@link #strip}).
 */
public record EventOrigin(String topic, int partition, long offset) {

    public static final String HEADER = "ep-origin";
    /** Marks a record of the shard topic that already is a rejection (written by the gate). */
    public static final String REJECTION_HEADER = "ep-rejection";
    static final EventOrigin UNKNOWN = new EventOrigin(null, -1, -1L);

    public static EventOrigin of(RecordMetadata metadata) {
        return metadata == null ? UNKNOWN : new EventOrigin(metadata.topic(), metadata.partition(), metadata.offset());
    }

    /** The origin in {@code headers}, else {@code fallback} (a record that did not pass the gate, e.g. in a test). */
    public static EventOrigin from(Headers headers, RecordMetadata fallback) {
        Header header = headers.lastHeader(HEADER);
        if (header == null) {
            return of(fallback);
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        int last = text.lastIndexOf(':');
        int middle = text.lastIndexOf(':', last - 1);
        return new EventOrigin(text.substring(0, middle), Integer.parseInt(text.substring(middle + 1, last)),
                Long.parseLong(text.substring(last + 1)));
    }

    /** {@code headers} with this origin added. */
    public Headers addTo(Headers headers) {
        RecordHeaders out = new RecordHeaders(headers.toArray());
        out.remove(HEADER);
        out.add(HEADER, (topic + ":" + partition + ":" + offset).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** A copy of {@code headers} without the processor's internal ones, for the output topics. */
    public static Headers strip(Headers headers) {
        if (headers.lastHeader(HEADER) == null && headers.lastHeader(REJECTION_HEADER) == null) {
            return headers;
        }
        RecordHeaders out = new RecordHeaders(headers.toArray());
        out.remove(HEADER);
        out.remove(REJECTION_HEADER);
        return out;
    }
}
