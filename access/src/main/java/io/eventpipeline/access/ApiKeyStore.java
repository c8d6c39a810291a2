package io.eventpipeline.access;

import static io.eventpipeline.sql.jooq.Tables.API_KEYS;

import io.eventpipeline.sql.jooq.tables.records.ApiKeysRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The {@code api_keys} table through jOOQ. Only the SHA-256 (hex) of a key is ever stored; the key itself
 * exists in the answer of {@link #create} and nowhere else. Every change is announced on the
 * {@link KeyChanges} so that running instances drop what they cached of that key at once.
 */
public final class ApiKeyStore {

    private final DSLContext db;
    private final KeyChanges changes;
    private final TimedQueries queries;

    public ApiKeyStore(DSLContext db, KeyChanges changes, MeterRegistry meters) {
        this.db = db;
        this.changes = changes;
        this.queries = new TimedQueries(meters);
    }

    /** A freshly created key: the only time its plain text is known. */
    public record Created(ApiKey key, String plainKey) {
    }

    /** What {@link #ensureBootstrap} found. */
    public enum Bootstrap { CREATED, PRESENT, NOT_USABLE }

    public Optional<ApiKey> findByHash(String keyHash) {
        return queries.run("find_by_hash", () -> db.selectFrom(API_KEYS).where(API_KEYS.KEY_HASH.eq(keyHash))
                .fetchOptional().map(ApiKeyStore::toKey));
    }

    public Created create(String producerId, OffsetDateTime expiresAt, Set<Scope> scopes) {
        requireProducer(producerId);
        String plain = KeyTokens.newPlainKey();
        String hash = KeyTokens.hash(plain);
        UUID id = UUID.randomUUID();
        queries.run("insert", () -> db.insertInto(API_KEYS)
                .set(API_KEYS.ID, id)
                .set(API_KEYS.PRODUCER_ID, producerId)
                .set(API_KEYS.KEY_HASH, hash)
                .set(API_KEYS.STATUS, ApiKey.ACTIVE)
                .set(API_KEYS.EXPIRES_AT, expiresAt)
                .set(API_KEYS.SCOPES, wire(scopes))
                .execute());
        changes.announce(hash);
        return new Created(findByHash(hash).orElseThrow(), plain);
    }

    /**
     * The operator's bootstrap key: inserted when no key has this hash, otherwise left exactly as it is.
     * A revoked or expired bootstrap key is never made active again, so revoking it sticks across restarts.
     */
    public Bootstrap ensureBootstrap(String producerId, String plainKey, Set<Scope> scopes) {
        requireProducer(producerId);
        String hash = KeyTokens.hash(plainKey);
        int inserted = queries.run("insert_bootstrap", () -> db.insertInto(API_KEYS)
                .set(API_KEYS.ID, UUID.randomUUID())
                .set(API_KEYS.PRODUCER_ID, producerId)
                .set(API_KEYS.KEY_HASH, hash)
                .set(API_KEYS.STATUS, ApiKey.ACTIVE)
                .set(API_KEYS.SCOPES, wire(scopes))
                .onConflict(API_KEYS.KEY_HASH).doNothing()
                .execute());
        if (inserted == 1) {
            changes.announce(hash);
            return Bootstrap.CREATED;
        }
        ApiKey existing = findByHash(hash).orElseThrow();
        return existing.isUsableAt(OffsetDateTime.now()) ? Bootstrap.PRESENT : Bootstrap.NOT_USABLE;
    }

    public List<ApiKey> list() {
        return queries.run("list", () -> db.selectFrom(API_KEYS).orderBy(API_KEYS.CREATED_AT, API_KEYS.ID).fetch()
                .map(ApiKeyStore::toKey));
    }

    /** @return true when a key with this id existed and is now revoked; every instance hears of it */
    public boolean revoke(UUID id) {
        Optional<String> hash = queries.run("revoke", () -> db.update(API_KEYS).set(API_KEYS.STATUS, ApiKey.REVOKED)
                .where(API_KEYS.ID.eq(id)).returning(API_KEYS.KEY_HASH).fetchOptional().map(ApiKeysRecord::getKeyHash));
        hash.ifPresent(changes::announce);
        return hash.isPresent();
    }

    private static void requireProducer(String producerId) {
        if (!KeyTokens.isProducerId(producerId)) {
            throw new IllegalArgumentException("producer id must be 1-64 of [A-Za-z0-9._-], got '" + producerId + "'");
        }
    }

    private static String[] wire(Set<Scope> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        return scopes.stream().sorted().map(Scope::wireName).toArray(String[]::new);
    }

    private static ApiKey toKey(ApiKeysRecord r) {
        Set<Scope> scopes = Arrays.stream(r.getScopes()).map(Scope::of).collect(Collectors.toUnmodifiableSet());
        return new ApiKey(r.getId(), r.getProducerId(), scopes, r.getStatus(), r.getExpiresAt(), r.getCreatedAt());
    }
}
