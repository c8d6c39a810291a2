package io.eventpipeline.access;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/** The three {@code keys} actions on a store, printing for an operator. */
final class KeysActions {

    static final String USAGE = "usage: keys create <producer-id> [days-valid] [--scopes produce,read,admin]"
            + " | keys list | keys revoke <key-id>";
    private static final String FORMAT = "%-36s  %-20s  %-20s  %-8s  %-25s  %s%n";

    private final ApiKeyStore store;
    private final PrintStream out;

    KeysActions(ApiKeyStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    int run(String[] args) {
        try {
            return switch (args[0]) {
                case "create" -> create(args);
                case "list" -> list();
                case "revoke" -> revoke(args);
                default -> usage("unknown action '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private int create(String[] args) {
        String producer = null;
        Long days = null;
        Set<Scope> scopes = Set.of(Scope.PRODUCE);
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--scopes") && i + 1 < args.length) {
                scopes = Scope.parseList(args[++i]);
            } else if (args[i].startsWith("--scopes=")) {
                scopes = Scope.parseList(args[i].substring("--scopes=".length()));
            } else if (producer == null) {
                producer = args[i];
            } else if (days == null && args[i].matches("[0-9]{1,5}")) {
                days = Long.parseLong(args[i]);
            } else {
                return usage("unexpected argument '" + args[i] + "'");
            }
        }
        if (!KeyTokens.isProducerId(producer)) {
            return usage("producer-id must be 1-64 of [A-Za-z0-9._-]");
        }
        OffsetDateTime expires = days == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plusDays(days);
        ApiKeyStore.Created created = store.create(producer, expires, scopes);
        out.println("id:       " + created.key().id());
        out.println("producer: " + created.key().producerId());
        out.println("scopes:   " + Scope.format(created.key().scopes()));
        out.println("expires:  " + (expires == null ? "never" : expires));
        out.println("key:      " + created.plainKey());
        out.println("Store the key now: it is not shown again (only its SHA-256 is kept).");
        return 0;
    }

    private int list() {
        out.printf(FORMAT, "id", "producer", "scopes", "status", "expires", "created");
        for (ApiKey k : store.list()) {
            out.printf(FORMAT, k.id(), k.producerId(), Scope.format(k.scopes()), k.status(),
                    k.expiresAt() == null ? "never" : k.expiresAt(), k.createdAt());
        }
        return 0;
    }

    private int revoke(String[] args) {
        UUID id;
        try {
            id = UUID.fromString(args.length > 1 ? args[1] : "");
        } catch (IllegalArgumentException e) {
            return usage("key-id must be a UUID from 'keys list'");
        }
        boolean revoked = store.revoke(id);
        out.println(revoked ? "revoked " + id : "no key with id " + id);
        return revoked ? 0 : 1;
    }

    private int usage(String problem) {
        out.println(problem + "; " + USAGE);
        return 2;
    }
}
