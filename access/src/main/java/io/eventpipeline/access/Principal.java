package io.eventpipeline.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who a request acts for: the producer (tenant) of its API key and the key's scopes. A service reads
 * and writes only {@code producerId}'s data for it.
 */
public record Principal(String producerId, Set<Scope> scopes) {

    public Principal {
        Objects.requireNonNull(producerId, "producerId");
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
