package io.eventpipeline.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A rejection ready for {@code events.rejected}, built so that it always fits the topic: the full form when
 * its value fits {@link SizeBudget#rejectionValueMaxBytes()}, else the truncated form; the source record's
 * headers (trace context among them) when they fit {@link SizeBudget#HEADERS_MAX_BYTES}, else only the trace
 * context; and the reason header. A property test holds that the record never exceeds
 * {@link SizeBudget#recordMaxBytes()}.
 *
 * @param key     the record key (the source record's, cut to {@link SizeBudget#KEY_MAX_CHARS})
 * @param value   the serialized {@link RejectedEvent}
 * @param headers the headers to send
 * @param event   the rejection as written (truncated or not)
 */
public record RejectionRecord(String key, byte[] value, Headers headers, RejectedEvent event) {

    /** W3C trace context headers, kept even when the other headers must go. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final int TRACE_HEADER_MAX_BYTES = 1024;

    public RejectionRecord {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(event, "event");
    }

    /** The record for {@code rejected}, whose source record carried {@code sourceHeaders} (may be {@code null}). */
    public static RejectionRecord of(RejectedEvent rejected, Headers sourceHeaders, SizeBudget budget) {
        return of(rejected, sourceHeaders, budget.rejectionValueMaxBytes());
    }

    /**
     * The same with a smaller room for the value than the budget's, e.g. when the topic refused a larger
     * record; the truncated form is written whenever the full one exceeds {@code maxValueBytes}.
     */
    public static RejectionRecord of(RejectedEvent rejected, Headers sourceHeaders, int maxValueBytes) {
        RejectedEvent written = rejected;
        byte[] value = serialize(rejected);
        if (value.length > maxValueBytes) {
            written = rejected.toTruncated();
            value = serialize(written);
        }
        return new RejectionRecord(written.key(), value, headers(sourceHeaders, rejected.reason()), written);
    }

    private static byte[] serialize(RejectedEvent event) {
        return Topics.EVENTS_REJECTED.valueSerde().serializer().serialize(Topics.EVENTS_REJECTED.name(), event);
    }

    static Headers headers(Headers source, RejectionReason reason) {
        RecordHeaders out = new RecordHeaders();
        if (source != null) {
            boolean all = sizeOf(source) <= SizeBudget.HEADERS_MAX_BYTES;
            for (Header h : source) {
                if (!h.key().equals(Topics.REASON_HEADER) && (all || isSmallTraceHeader(h))) {
                    out.add(h);
                }
            }
        }
        out.add(Topics.REASON_HEADER, reason.wireName().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Names (at most three bytes a character) and values of all headers. */
    public static int sizeOf(Headers headers) {
        int total = 0;
        for (Header h : headers) {
            total += 3 * h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return total;
    }

    private static boolean isSmallTraceHeader(Header h) {
        return (h.key().equals(TRACEPARENT) || h.key().equals(TRACESTATE))
                && (h.value() == null || h.value().length <= TRACE_HEADER_MAX_BYTES);
    }
}
