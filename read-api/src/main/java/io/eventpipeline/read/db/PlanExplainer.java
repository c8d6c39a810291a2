package io.eventpipeline.read.db;

import io.eventpipeline.schemas.Json;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The development profile's slow-query EXPLAIN, on the read pool only: asks PostgreSQL for the plan of a slow
 * named SELECT through jOOQ's {@code explain} (no ANALYZE: the statement is not run again), in the background so
 * the slow request is not slowed further, and logs its nodes: {@code Index Scan using idx_… on events},
 * {@code Seq Scan on memories}.
 */
public final class PlanExplainer {

    private static final Logger log = LoggerFactory.getLogger(PlanExplainer.class);

    private final DSLContext readPool;
    private final Executor background;
    private final MeterRegistry registry;
    private final BiConsumer<String, List<String>> sink;

    /**
     * @param readPool a jOOQ context on the read pool without the query monitor (an explain is not timed)
     * @param sink     receives the query name and the plan's nodes (the log has them too; tests add their own)
     */
    public PlanExplainer(DSLContext readPool, Executor background, MeterRegistry registry,
            BiConsumer<String, List<String>> sink) {
        this.readPool = readPool;
        this.background = background;
        this.registry = registry;
        this.sink = sink;
    }

    void explain(String name, Query select) {
        background.execute(() -> {
            try {
                List<String> nodes = nodes(readPool.explain(select).plan());
                registry.counter("db.query.explained", "query", name).increment();
                log.info("slow query '{}' plan: {}", name, String.join("; ", nodes));
                sink.accept(name, nodes);
            } catch (RuntimeException e) {
                log.info("could not explain '{}': {}", name, e.getMessage());
            }
        });
    }

    /**
     * Each plan node as {@code <Node Type>[ using <index>][ on <relation>]}, depth first, from a JSON plan; from a
     * text plan (what jOOQ returns for PostgreSQL), its lines: nodes and their conditions, costs cut off.
     */
    static List<String> nodes(String plan) {
        List<String> nodes = new ArrayList<>();
        String trimmed = plan.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            JsonNode json = Json.MAPPER.readTree(trimmed);
            visit(json.isArray() ? json.path(0).path("Plan") : json.path("Plan"), nodes);
        } else {
            // jOOQ prints the text plan as a table: |QUERY PLAN|, then one |line| per node or condition.
            trimmed.lines().map(l -> l.strip().replaceAll("^\\|\\s*|\\s*\\|$", "").strip())
                    .filter(l -> !l.isEmpty() && !l.startsWith("+") && !l.equals("QUERY PLAN"))
                    .map(l -> l.replaceFirst("^->\\s*", "").replaceFirst("\\s+\\(cost=.*$", ""))
                    .forEach(nodes::add);
        }
        return nodes;
    }

    private static void visit(JsonNode node, List<String> nodes) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        StringBuilder line = new StringBuilder(node.path("Node Type").asString("?"));
        if (node.has("Index Name")) {
            line.append(" using ").append(node.path("Index Name").asString(""));
        }
        if (node.has("Relation Name")) {
            line.append(" on ").append(node.path("Relation Name").asString(""));
        }
        nodes.add(line.toString());
        for (JsonNode child : node.path("Plans")) {
            visit(child, nodes);
        }
    }
}
