package io.eventpipeline.ingest.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer as bytes, so a stored answer can be replayed exactly: same status, same body.
 * Headers are per delivery (replayed, degraded) and are never part of what is stored.
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply of(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, body, copy);
    }

    public boolean isAccepted() {
        return status == 202;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
