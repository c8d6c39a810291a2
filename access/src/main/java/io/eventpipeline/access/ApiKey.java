package io.eventpipeline.access;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A stored API key, without the key itself (only its hash is ever stored). */
public record ApiKey(UUID id, String producerId, Set<Scope> scopes, String status, OffsetDateTime expiresAt,
        OffsetDateTime createdAt) {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean isUsableAt(OffsetDateTime now) {
        return ACTIVE.equals(status) && (expiresAt == null || expiresAt.isAfter(now));
    }

    public Principal principal() {
        return new Principal(producerId, scopes);
    }
}
