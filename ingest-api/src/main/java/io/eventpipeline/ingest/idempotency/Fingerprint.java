package io.eventpipeline.ingest.idempotency;

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
 * members sorted by name, no insignificant whitespace, numbers as parsed), so a re-serialised retry still
 * matches while any change of content does not. Streams into the digest: no canonical copy is built.
 */
public final class Fingerprint {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Fingerprint() {
    }

    public static String of(String method, String path, JsonNode body) {
        Canonical out = new Canonical();
        out.raw(method).raw(" ").raw(path).raw("\n");
        write(body, out);
        return HexFormat.of().formatHex(out.digest());
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void write(JsonNode node, Canonical out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            out.raw("{");
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.raw(",");
                }
                out.string(members.get(i).getKey()).raw(":");
                write(members.get(i).getValue(), out);
            }
            out.raw("}");
        } else if (node.isArray()) {
            out.raw("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.raw(",");
                }
                write(node.get(i), out);
            }
            out.raw("]");
        } else if (node.isString()) {
            out.string(node.asString());
        } else {
            // Numbers, booleans and null: their JSON text as parsed (1.0 and 1 stay different values).
            out.raw(node.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Buffers canonical text and feeds it to SHA-256 in chunks. */
    static final class Canonical {
        private final MessageDigest digest = sha256();
        private final StringBuilder buffer = new StringBuilder(1024);

        Canonical raw(String text) {
            buffer.append(text);
            flushIfLarge();
            return this;
        }

        Canonical string(String text) {
            buffer.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> buffer.append("\\\"");
                    case '\\' -> buffer.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            buffer.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                        } else {
                            buffer.append(c);
                        }
                    }
                }
            }
            buffer.append('"');
            flushIfLarge();
            return this;
        }

        byte[] digest() {
            flush();
            return digest.digest();
        }

        private void flushIfLarge() {
            if (buffer.length() > 8192) {
                flush();
            }
        }

        private void flush() {
            // Split surrogate pairs at a chunk boundary would change the bytes: keep a trailing high surrogate.
            int end = buffer.length();
            if (end > 0 && Character.isHighSurrogate(buffer.charAt(end - 1))) {
                end--;
            }
            digest.update(buffer.substring(0, end).getBytes(StandardCharsets.UTF_8));
            buffer.delete(0, end);
        }
    }
}
