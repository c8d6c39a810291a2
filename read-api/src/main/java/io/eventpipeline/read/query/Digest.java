package io.eventpipeline.read.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 (base64url, no padding) of a sequence of texts, each length-prefixed so that no two different
 * sequences are hashed from the same bytes: the revision of data that carries no version of its own.
 */
public final class Digest {

    private final MessageDigest sha256;

    private Digest() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static Digest start() {
        return new Digest();
    }

    /** The digest of these parts, in order. */
    public static String of(Object... parts) {
        Digest digest = start();
        for (Object part : parts) {
            digest.add(part);
        }
        return digest.finish();
    }

    public Digest add(Object part) {
        byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
        return this;
    }

    public String finish() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }
}
