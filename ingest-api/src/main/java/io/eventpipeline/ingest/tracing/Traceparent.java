package io.eventpipeline.ingest.tracing;

import io.micrometer.tracing.TraceContext;

/** The W3C {@code traceparent} value of a span: {@code 00-<trace id>-<span id>-<flags>}. */
final class Traceparent {

    static final String HEADER = "traceparent";

    private Traceparent() {
    }

    /** The header value, or {@code null} for a context that is no trace (the no-op tracer's). */
    static String of(TraceContext context) {
        if (context == null || context.traceId().isEmpty()) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }
}
