package io.eventpipeline.ingest.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What Redis holds under one scoped Idempotency-Key: a claim of the request in flight (owner token and
 * fingerprint) or the completed answer. Encoded as one string so the claim is one atomic {@code SET NX}
 * and completion a compare-and-set on the exact claim value.
 */
public sealed interface StoredEntry {

    String fingerprint();

    String encode();

    record InProgress(String owner, String fingerprint) implements StoredEntry {
        @Override
        public String encode() {
            return "P|" + owner + "|" + fingerprint;
        }
    }

    record Completed(String fingerprint, int status, byte[] body) implements StoredEntry {
        @Override
        public String encode() {
            return "D|" + fingerprint + "|" + status + "|" + Base64.getEncoder().encodeToString(body);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static StoredEntry decode(String value) {
        String[] parts = value.split("\\|", 4);
        return switch (parts[0]) {
            case "P" -> new InProgress(parts[1], parts[2]);
            case "D" -> new Completed(parts[1], Integer.parseInt(parts[2]), Base64.getDecoder().decode(parts[3]));
            default -> throw new IllegalStateException("unknown idempotency entry: " + parts[0]);
        };
    }
}
