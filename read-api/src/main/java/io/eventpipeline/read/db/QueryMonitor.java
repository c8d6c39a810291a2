package io.eventpipeline.read.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every statement a pool's jOOQ context runs as {@code db_query_seconds{pool, query}} (the
 * {@link QueryName}), counts failures as {@code db_query_failures_total{pool, query}} and slow ones (at least
 * {@code SLOW_QUERY_THRESHOLD}) as {@code db_query_slow_total}, logging them. With a {@link PlanExplainer} (the
 * read pool, dev profile only) a slow named SELECT is explained.
 */
public final class QueryMonitor implements ExecuteListener {

    private static final Logger log = LoggerFactory.getLogger(QueryMonitor.class);
    private static final String START = QueryMonitor.class.getName() + ".start";
    private static final String NAME = QueryMonitor.class.getName() + ".name";
    private static final Pattern FUNCTION_CALL = Pattern.compile("select\\s+(distinct\\s+)?[a-z_][a-z0-9_.]*\\s*\\(");
    private static final Pattern MODIFYING = Pattern.compile("\\b(insert|update|delete|merge|create|alter|drop|truncate)\\b");

    private final MeterRegistry registry;
    private final String pool;
    private final Duration slowThreshold;
    private final PlanExplainer explainer;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** @param explainer null: never explain (every pool but the read pool, and outside the dev profile) */
    public QueryMonitor(MeterRegistry registry, String pool, Duration slowThreshold, PlanExplainer explainer) {
        this.registry = registry;
        this.pool = pool;
        this.slowThreshold = slowThreshold;
        this.explainer = explainer;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        String name = QueryName.current();
        ctx.data(NAME, name == null ? QueryName.UNNAMED : name);
        ctx.data(START, System.nanoTime());
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (!(ctx.data(START) instanceof Long started) || ctx.exception() != null) {
            return;
        }
        long nanos = System.nanoTime() - started;
        String name = (String) ctx.data(NAME);
        timers.computeIfAbsent(name, n -> Timer.builder("db.query").description("statements by pool and query name")
                .tag("pool", pool).tag("query", n).register(registry)).record(Duration.ofNanos(nanos));
        if (nanos >= slowThreshold.toNanos()) {
            slow(ctx, name, nanos);
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        Object name = ctx.data(NAME);
        Counter.builder("db.query.failures").description("statements that failed, by pool and query name")
                .tag("pool", pool).tag("query", name == null ? QueryName.UNNAMED : name.toString())
                .register(registry).increment();
    }

    private void slow(ExecuteContext ctx, String name, long nanos) {
        registry.counter("db.query.slow", "pool", pool, "query", name).increment();
        log.warn("slow query '{}' on the {} pool took {} ms", name, pool, nanos / 1_000_000);
        if (explainer != null && !QueryName.UNNAMED.equals(name) && isPlainSelect(ctx.sql()) && ctx.query() != null) {
            explainer.explain(name, ctx.query());
        }
    }

    /**
     * A SELECT from tables: not DDL, not a data-modifying statement, and not a function call ({@code SELECT f(...)},
     * which may do anything when ANALYZE runs it again). Named queries are such SELECTs already; this is the
     * second lock.
     */
    static boolean isPlainSelect(String sql) {
        if (sql == null) {
            return false;
        }
        String head = sql.strip().toLowerCase(Locale.ROOT);
        return head.startsWith("select ") && !FUNCTION_CALL.matcher(head).lookingAt() && head.contains(" from ")
                && !MODIFYING.matcher(head).find();
    }
}
