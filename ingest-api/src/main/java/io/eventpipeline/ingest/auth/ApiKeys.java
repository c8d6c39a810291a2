package io.eventpipeline.ingest.auth;

import static io.eventpipeline.sql.jooq.Tables.API_KEYS;

import io.eventpipeline.ingest.idempotency.Fingerprint;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The {@code api_keys} table through jOOQ. Only the SHA-256 (hex) of a key is ever stored; the key itself
 * exists in the answer of {@link #create} and nowhere else.
 */
public final class ApiKeys {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;

    public ApiKeys(DSLContext db) {
        this.db = db;
    }

    /** A stored key, without the key. */
    public record ApiKey(UUID id, String producerId, String status, OffsetDateTime expiresAt, OffsetDateTime createdAt) {

        public boolean isUsableAt(OffsetDateTime now) {
            return ACTIVE.equals(status) && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** A freshly created key: the only time its plain text is known. */
    public record Created(ApiKey key, String plainKey) {
    }

    public static String hash(String plainKey) {
        return Fingerprint.sha256Hex(plainKey);
    }

    public static String newPlainKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "ik_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public Optional<ApiKey> findByHash(String keyHash) {
        return db.selectFrom(API_KEYS).where(API_KEYS.KEY_HASH.eq(keyHash)).fetchOptional()
                .map(r -> new ApiKey(r.getId(), r.getProducerId(), r.getStatus(), r.getExpiresAt(), r.getCreatedAt()));
    }

    public Created create(String producerId, OffsetDateTime expiresAt) {
        String plain = newPlainKey();
        return new Created(insert(producerId, plain, expiresAt), plain);
    }

    /** Makes sure {@code plainKey} exists and is active for {@code producerId} (the embedded stack's bootstrap key). */
    public ApiKey ensureActive(String producerId, String plainKey) {
        String hash = hash(plainKey);
        db.insertInto(API_KEYS)
                .set(API_KEYS.ID, UUID.randomUUID())
                .set(API_KEYS.PRODUCER_ID, producerId)
                .set(API_KEYS.KEY_HASH, hash)
                .set(API_KEYS.STATUS, ACTIVE)
                .onConflict(API_KEYS.KEY_HASH)
                .doUpdate()
                .set(API_KEYS.PRODUCER_ID, producerId)
                .set(API_KEYS.STATUS, ACTIVE)
                .setNull(API_KEYS.EXPIRES_AT)
                .execute();
        return findByHash(hash).orElseThrow();
    }

    public List<ApiKey> list() {
        return db.selectFrom(API_KEYS).orderBy(API_KEYS.CREATED_AT, API_KEYS.ID).fetch()
                .map(r -> new ApiKey(r.getId(), r.getProducerId(), r.getStatus(), r.getExpiresAt(), r.getCreatedAt()));
    }

    /** @return true when a key with this id existed and is now revoked */
    public boolean revoke(UUID id) {
        return db.update(API_KEYS).set(API_KEYS.STATUS, REVOKED).where(API_KEYS.ID.eq(id)).execute() == 1;
    }

    private ApiKey insert(String producerId, String plainKey, OffsetDateTime expiresAt) {
        UUID id = UUID.randomUUID();
        db.insertInto(API_KEYS)
                .set(API_KEYS.ID, id)
                .set(API_KEYS.PRODUCER_ID, producerId)
                .set(API_KEYS.KEY_HASH, hash(plainKey))
                .set(API_KEYS.STATUS, ACTIVE)
                .set(API_KEYS.EXPIRES_AT, expiresAt)
                .execute();
        return findByHash(hash(plainKey)).orElseThrow();
    }
}
