package io.eventpipeline.ingest.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids: RFC 9562 UUIDv5 (SHA-1, name-based) of (producer, Idempotency-Key, index in
 * batch) under a fixed namespace, so a retry carries the same id even when Redis is down and the stream
 * processor's dedup catches it.
 */
public final class EventIds {

    /** The pipeline's namespace for event ids; never change it, or retries across a deploy get new ids. */
    public static final UUID NAMESPACE = UUID.fromString("9b4c3a7e-52d1-5f0a-8e3b-6f1d2c7a9e40");

    private EventIds() {
    }

    public static UUID of(String producerId, String idempotencyKey, int index) {
        // Length-prefixed parts: no choice of producer and key can collide with another pair.
        String name = producerId.length() + ":" + producerId + "|" + idempotencyKey.length() + ":" + idempotencyKey + "|" + index;
        return uuidV5(NAMESPACE, name);
    }

    static UUID uuidV5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (msb >>> (56 - 8 * i));
            out[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return out;
    }
}
