package io.eventpipeline.projection.batch;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the W3C trace context header ({@code traceparent}: {@code 00-<trace id>-<span id>-<flags>}). */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    private static final String INVALID = "00000000000000000000000000000000";

    private TraceContext() {
    }

    /** The 32-hex trace id of a well-formed {@code traceparent}, or {@code null} (absent, malformed, all zero). */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var m = TRACEPARENT.matcher(traceparent.strip().toLowerCase(Locale.ROOT));
        return m.matches() && !m.group(1).equals(INVALID) ? m.group(1) : null;
    }
}
