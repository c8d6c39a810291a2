package io.eventpipeline.admin.rebuild;

import io.eventpipeline.schemas.EventEnvelope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a rebuild recomputes: every projection row ({@code producer} null), one producer's rows, or the
 * rows of some aggregates of one producer: their {@code aggregates} rows and the memories and contexts
 * whose id is one of their ids (the events of every aggregate type with such an id are read, so those
 * rows come out whole).
 *
 * @param producer the producer (tenant, docs/decisions.md D1), or null for all
 * @param keys     {@code aggregateType/aggregateId} of the producer's aggregates; empty for all of them
 */
record RebuildScope(String producer, List<String> keys) {

    RebuildScope {
        keys = List.copyOf(keys);
        if (producer == null && !keys.isEmpty()) {
            throw new IllegalArgumentException("--aggregate needs --producer: aggregates live in a producer's namespace");
        }
        if (producer != null && !producer.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("--producer must be 1-64 characters of [A-Za-z0-9._-], got " + producer);
        }
        for (String key : keys) {
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                throw new IllegalArgumentException("--aggregate must be type/id (e.g. order/o-17), got " + key);
            }
        }
    }

    boolean all() {
        return producer == null;
    }

    boolean includes(EventEnvelope event) {
        if (all()) {
            return true;
        }
        return producer.equals(event.producerId()) && (keys.isEmpty() || ids().contains(event.aggregateId()));
    }

    /** The {@code aggregates} keys as the SQL functions take them, or null for every aggregate of the producer. */
    String[] keysArgument() {
        return keys.isEmpty() ? null : keys.toArray(String[]::new);
    }

    /** The memory and context ids of the selection, or null for all of the producer's. */
    String[] idsArgument() {
        return keys.isEmpty() ? null : ids().toArray(String[]::new);
    }

    private Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        keys.forEach(k -> ids.add(k.substring(k.indexOf('/') + 1)));
        return ids;
    }

    String describe() {
        if (all()) {
            return "all projections (aggregates, memories, mcp_contexts)";
        }
        return keys.isEmpty() ? "every row of producer " + producer
                : "producer " + producer + "'s aggregates " + String.join(", ", keys) + " (and memories/contexts with their ids)";
    }
}
