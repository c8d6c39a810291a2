package io.eventpipeline.processor;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** W3C trace context headers as the ingest-api writes them on events.raw, and how a test reads them back. */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private TraceHeaders() {
    }

    /** A sampled traceparent of a new random trace. */
    public static String newTraceparent() {
        UUID trace = UUID.randomUUID();
        return "00-" + HexFormat.of().toHexDigits(trace.getMostSignificantBits())
                + HexFormat.of().toHexDigits(trace.getLeastSignificantBits()) + "-"
                + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits()) + "-01";
    }

    /** {@code traceparent} and a {@code tracestate} naming it. */
    public static Headers of(String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        headers.add(TRACESTATE, ("ep=" + traceparent.substring(3, 19)).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The last value of {@code name}, or {@code null}. */
    public static String value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
