package io.eventpipeline.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The plain form of API keys: how new ones are made, which tokens are well-formed (checked before any
 * lookup, so garbage never costs a database query), and the SHA-256 under which a key is stored.
 */
public final class KeyTokens {

    /** Generated keys are {@code ik_} + 43 base64url characters; operators may set others of this form. */
    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7E]{8,256}");
    public static final String PRODUCER_PATTERN = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern PRODUCER = Pattern.compile(PRODUCER_PATTERN);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();

    private KeyTokens() {
    }

    public static String newPlainKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "ik_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** 8-256 visible ASCII characters: the only tokens that are ever looked up. */
    public static boolean isWellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    public static boolean isProducerId(String producerId) {
        return producerId != null && PRODUCER.matcher(producerId).matches();
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes, as stored in {@code api_keys.key_hash}. */
    public static String hash(String plainKey) {
        try {
            // cloned: looking the algorithm up in the providers costs more than hashing a key
            MessageDigest sha256 = (MessageDigest) SHA256_PROTOTYPE.clone();
            return HexFormat.of().formatHex(sha256.digest(plainKey.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
