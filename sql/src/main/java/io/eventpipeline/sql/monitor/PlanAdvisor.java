package io.eventpipeline.sql.monitor;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the output of {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} and names the likely fix, with the
 * playbook's rules made concrete: a sequential scan that read at least {@code seqScanMinRows} rows, a
 * sort costing more than 5000, a nested loop costing more than 10000. Pure: no I/O.
 */
public final class PlanAdvisor {

    static final double SORT_COST = 5_000;
    static final double NESTED_LOOP_COST = 10_000;

    private final long seqScanMinRows;

    public PlanAdvisor(long seqScanMinRows) {
        this.seqScanMinRows = seqScanMinRows;
    }

    /** @param explainJson the JSON array EXPLAIN returns */
    public List<PlanAdvice> advise(String queryName, JsonNode explainJson) {
        List<PlanAdvice> advice = new ArrayList<>();
        JsonNode root = explainJson.isArray() ? explainJson.path(0) : explainJson;
        visit(queryName, root.path("Plan"), advice);
        return advice;
    }

    private void visit(String query, JsonNode node, List<PlanAdvice> advice) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        String type = node.path("Node Type").asString("");
        double cost = node.path("Total Cost").asDouble(0);
        switch (type) {
            case "Seq Scan" -> {
                long read = rowsRead(node);
                if (read >= seqScanMinRows) {
                    String filter = node.path("Filter").asString("");
                    advice.add(new PlanAdvice(PlanAdvice.Kind.SEQ_SCAN, query, "Seq Scan on "
                            + node.path("Relation Name").asString("?") + " read " + read + " rows"
                            + (filter.isEmpty() ? "" : " to keep those matching " + filter)
                            + ": add an index on the filtered column(s)"));
                }
            }
            case "Sort", "Incremental Sort" -> {
                if (cost > SORT_COST || node.path("Sort Space Type").asString("").equals("Disk")) {
                    advice.add(new PlanAdvice(PlanAdvice.Kind.SORT, query, "Sort on " + node.path("Sort Key")
                            + " (cost " + Math.round(cost) + "): add an index in that order so rows come sorted"));
                }
            }
            case "Nested Loop" -> {
                if (cost > NESTED_LOOP_COST) {
                    advice.add(new PlanAdvice(PlanAdvice.Kind.NESTED_LOOP, query, "Nested Loop costing "
                            + Math.round(cost) + ": rewrite the join (or index its inner side) so it can hash or merge"));
                }
            }
            default -> {
                // other nodes carry no advice of their own
            }
        }
        for (JsonNode child : node.path("Plans")) {
            visit(query, child, advice);
        }
    }

    private static long rowsRead(JsonNode node) {
        long loops = Math.max(1, node.path("Actual Loops").asLong(1));
        return (node.path("Actual Rows").asLong(0) + node.path("Rows Removed by Filter").asLong(0)) * loops;
    }
}
