package io.eventpipeline.projection.query;

import io.eventpipeline.schemas.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every jOOQ query as {@code db.query{query="<verb> <table>"}} and logs those slower than a
 * threshold. With {@code explain} on (the development profile) a slow SELECT is run again under
 * {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} on a separate connection and the {@link PlanAdvisor}'s
 * suggestions are logged and handed to {@code adviceSink}. Only SELECTs are explained, because
 * ANALYZE executes the statement and a write must never run twice.
 */
public final class QueryTimingListener implements ExecuteListener {

    private static final Logger log = LoggerFactory.getLogger(QueryTimingListener.class);
    private static final Pattern VERB = Pattern.compile("^\\s*(\\w+)");
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|into|update|join)\\s+(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?");
    private static final String START = "query.timing.start";

    private final MeterRegistry registry;
    private final Duration slowThreshold;
    private final boolean explain;
    private final DataSource explainDataSource;
    private final PlanAdvisor advisor;
    private final Consumer<PlanAdvice> adviceSink;

    public QueryTimingListener(MeterRegistry registry, Duration slowThreshold, boolean explain,
            DataSource explainDataSource, PlanAdvisor advisor, Consumer<PlanAdvice> adviceSink) {
        this.registry = registry;
        this.slowThreshold = slowThreshold;
        this.explain = explain;
        this.explainDataSource = explainDataSource;
        this.advisor = advisor;
        this.adviceSink = adviceSink;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ctx.data(START, System.nanoTime());
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        Object start = ctx.data(START);
        if (!(start instanceof Long started)) {
            return;
        }
        long nanos = System.nanoTime() - started;
        String sql = ctx.sql();
        String name = nameOf(sql);
        Timer.builder("db.query").tag("query", name).register(registry).record(Duration.ofNanos(nanos));
        if (nanos >= slowThreshold.toNanos()) {
            registry.counter("db.query.slow", "query", name).increment();
            log.warn("slow query '{}' took {} ms: {}", name, nanos / 1_000_000, abbreviate(sql));
            if (explain && isSelect(sql) && ctx.query() != null) {
                explain(name, ctx.dsl().renderInlined(ctx.query()));
            }
        }
    }

    /** {@code "<verb> <first table>"}, lower case, e.g. {@code insert events}; bounded cardinality for metrics. */
    public static String nameOf(String sql) {
        if (sql == null) {
            return "unknown";
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        Matcher verb = VERB.matcher(lower);
        String v = verb.find() ? verb.group(1) : "unknown";
        Matcher table = TABLE.matcher(lower);
        return table.find() ? v + " " + table.group(1) : v;
    }

    private void explain(String name, String inlinedSql) {
        try (Connection c = explainDataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + inlinedSql)) {
            if (!rs.next()) {
                return;
            }
            List<PlanAdvice> advice = advisor.advise(name, Json.MAPPER.readTree(rs.getString(1)));
            if (advice.isEmpty()) {
                log.info("slow query '{}': plan shows no scan, sort or loop to fix (I/O or lock waits?)", name);
            }
            for (PlanAdvice a : advice) {
                registry.counter("db.query.plan.advice", "query", name, "kind", a.kind().name()).increment();
                log.warn("slow query '{}': {}", name, a.suggestion());
                adviceSink.accept(a);
            }
        } catch (SQLException | RuntimeException e) {
            log.info("could not explain '{}': {}", name, e.getMessage());
        }
    }

    private static boolean isSelect(String sql) {
        String head = sql.stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("select") || (head.startsWith("with") && !head.matches("(?s).*\\b(insert|update|delete)\\b.*"));
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 300) + "…";
    }
}
