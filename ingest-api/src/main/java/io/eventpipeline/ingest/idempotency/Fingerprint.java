package io.eventpipeline.ingest.idempotency;

import io.eventpipeline.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The request fingerprint stored with a claim: SHA-256 of method, path and the canonical JSON body (object
 * members sorted by name, no insignificant whitespace), so a re-serialised retry still matches while any
 * change of content does not.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String method, String path, JsonNode body) {
        StringBuilder canonical = new StringBuilder(256).append(method).append(' ').append(path).append('\n');
        write(body, canonical);
        return sha256Hex(canonical.toString());
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Json.MAPPER.writeValueAsString(members.get(i).getKey())).append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(Json.MAPPER.writeValueAsString(node));
        }
    }
}
