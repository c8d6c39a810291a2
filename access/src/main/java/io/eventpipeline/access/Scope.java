package io.eventpipeline.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do (docs/decisions.md D1). {@code produce}: post events; {@code read}: the
 * read-api's GETs, of the key's own producer only; {@code admin}: operator endpoints. Stored in
 * {@code api_keys.scopes} by their {@link #wireName()}.
 */
public enum Scope {
    PRODUCE, READ, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope of(String wireName) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(wireName.strip().toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + wireName + "': use produce, read or admin");
    }

    /** {@code "produce,read"} to a set; at least one scope, each known. */
    public static Set<Scope> parseList(String commaSeparated) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : commaSeparated.split(",")) {
            if (!name.isBlank()) {
                scopes.add(of(name));
            }
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("name at least one scope: produce, read or admin");
        }
        return Set.copyOf(scopes);
    }

    /** The set as stored and printed: wire names in declaration order, comma-separated. */
    public static String format(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
    }
}
