package io.eventpipeline.read.config;

import io.eventpipeline.sql.monitor.Explainer;
import io.eventpipeline.sql.monitor.PlanAdvice;
import io.eventpipeline.sql.monitor.PlanAdvisor;
import io.eventpipeline.sql.monitor.QueryTimingListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The read-api's use of the shared query monitoring ({@code io.eventpipeline.sql.monitor}): both pools timed
 * ({@code db_query_seconds{pool, query}}), failures counted, slow statements counted and logged; only the read
 * pool's monitor explains, and only with {@code QUERY_EXPLAIN_ENABLED} (the dev profile). The analytics pool
 * never explains: its reports may legitimately run up to the statement timeout.
 */
final class Monitoring {

    private Monitoring() {
    }

    static QueryTimingListener read(QuerySettings query, DataSource readPool, MeterRegistry registry, Consumer<PlanAdvice> sink) {
        Explainer explainer = query.explain()
                ? new Explainer(readPool, "read", new PlanAdvisor(query.seqScanMinRows()), registry, sink)
                : null;
        return new QueryTimingListener(registry, "read", query.slowThreshold(), explainer);
    }

    static QueryTimingListener analytics(QuerySettings query, MeterRegistry registry) {
        return new QueryTimingListener(registry, "analytics", query.slowThreshold(), null);
    }
}
