package io.eventpipeline.read.db;

import java.util.function.Supplier;

/**
 * Names the queries run inside {@link #of}, for {@link QueryMonitor}: metrics by a stable, low-cardinality
 * name, and the only queries a slow-query EXPLAIN may re-run. A name is given only to the read-api's own plain
 * SELECTs (ReadQueries, EventTypeStats); a function call, a DDL statement or anything from another library
 * on the pool is timed as {@code unnamed} and never explained.
 */
public final class QueryName {

    static final String UNNAMED = "unnamed";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private QueryName() {
    }

    /** Runs {@code query} (plain SELECTs only) with every statement it executes named {@code name}. */
    public static <T> T of(String name, Supplier<T> query) {
        String outer = CURRENT.get();
        CURRENT.set(name);
        try {
            return query.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The name of the query running on this thread, or null. */
    static String current() {
        return CURRENT.get();
    }
}
