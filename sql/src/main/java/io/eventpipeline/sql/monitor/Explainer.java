package io.eventpipeline.sql.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} of a slow read on a read pool, for the development
 * profile, and logs what {@link PlanAdvisor} suggests. It refuses to be built on the write pool: ANALYZE
 * executes the statement, and the write pool's connections belong to the writer's transactions.
 */
public final class Explainer {

    private static final Logger log = LoggerFactory.getLogger(Explainer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource readPool;
    private final PlanAdvisor advisor;
    private final MeterRegistry registry;
    private final Consumer<PlanAdvice> sink;

    /** @param poolName the pool's name; {@code write} is refused */
    public Explainer(DataSource readPool, String poolName, PlanAdvisor advisor, MeterRegistry registry,
            Consumer<PlanAdvice> sink) {
        if (poolName == null || poolName.toLowerCase(Locale.ROOT).contains("write")) {
            throw new IllegalArgumentException("EXPLAIN never runs on the write pool (pool '" + poolName + "')");
        }
        this.readPool = readPool;
        this.advisor = advisor;
        this.registry = registry;
        this.sink = sink;
    }

    /** Explains {@code inlinedSql} (already checked by {@link QueryNames#isExplainable}); never throws. */
    void explain(String name, String inlinedSql) {
        try (Connection c = readPool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + inlinedSql)) {
            if (!rs.next()) {
                return;
            }
            List<PlanAdvice> advice = advisor.advise(name, JSON.readTree(rs.getString(1)));
            if (advice.isEmpty()) {
                log.info("slow query '{}': plan shows no scan, sort or loop to fix (I/O or lock waits?)", name);
            }
            for (PlanAdvice a : advice) {
                registry.counter("db.query.plan.advice", "query", name, "kind", a.kind().name()).increment();
                log.warn("slow query '{}': {}", name, a.suggestion());
                sink.accept(a);
            }
        } catch (SQLException | RuntimeException e) {
            log.info("could not explain '{}': {}", name, e.getMessage());
        }
    }
}
