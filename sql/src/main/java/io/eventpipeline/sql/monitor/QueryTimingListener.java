package io.eventpipeline.sql.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query monitoring for a jOOQ context on one pool: every query timed as {@code db.query{pool, query}}
 * (the query named {@code "<verb> <table>"}), every failure counted as
 * {@code db.query.failures{pool, query, sqlstate}}, and queries slower than a threshold counted
 * ({@code db.query.slow}) and logged. Given an {@link Explainer} (a read pool, development profile), a
 * slow plain read is explained; writes, DDL and function calls never are ({@link QueryNames#isExplainable}).
 */
public final class QueryTimingListener implements ExecuteListener {

    private static final Logger log = LoggerFactory.getLogger(QueryTimingListener.class);
    private static final String START = "query.timing.start";

    private final MeterRegistry registry;
    private final String pool;
    private final Duration slowThreshold;
    private final Explainer explainer;

    /** @param explainer {@code null} for no EXPLAIN (always on the write pool) */
    public QueryTimingListener(MeterRegistry registry, String pool, Duration slowThreshold, Explainer explainer) {
        this.registry = registry;
        this.pool = pool;
        this.slowThreshold = slowThreshold;
        this.explainer = explainer;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ctx.data(START, System.nanoTime());
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (!(ctx.data(START) instanceof Long started)) {
            return;
        }
        long nanos = System.nanoTime() - started;
        String sql = ctx.sql();
        String name = QueryNames.nameOf(sql);
        Timer.builder("db.query").tag("pool", pool).tag("query", name).register(registry).record(Duration.ofNanos(nanos));
        if (nanos >= slowThreshold.toNanos()) {
            registry.counter("db.query.slow", "pool", pool, "query", name).increment();
            log.warn("slow query '{}' on pool {} took {} ms: {}", name, pool, nanos / 1_000_000, abbreviate(sql));
            if (explainer != null && QueryNames.isExplainable(sql) && ctx.query() != null) {
                explainer.explain(name, ctx.dsl().renderInlined(ctx.query()));
            }
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        String state = ctx.sqlException() == null ? null : ctx.sqlException().getSQLState();
        registry.counter("db.query.failures", "pool", pool, "query", QueryNames.nameOf(ctx.sql()),
                "sqlstate", state == null ? "none" : state).increment();
    }

    private static String abbreviate(String sql) {
        return sql == null || sql.length() <= 300 ? String.valueOf(sql) : sql.substring(0, 300) + "…";
    }
}
