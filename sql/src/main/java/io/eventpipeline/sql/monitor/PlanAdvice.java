package io.eventpipeline.sql.monitor;

/**
 * One suggestion drawn from a query plan.
 *
 * @param kind       what the plan showed
 * @param query      the query's name (verb and table)
 * @param suggestion what to do about it, naming the relation, filter or sort key involved
 */
public record PlanAdvice(Kind kind, String query, String suggestion) {

    public enum Kind {
        /** a sequential scan read many rows: an index on the filtered columns would avoid it */
        SEQ_SCAN,
        /** an explicit sort: an index in that order would return rows already sorted */
        SORT,
        /** a costly nested loop: rewrite the join so the planner can hash or merge it, or index the inner side */
        NESTED_LOOP
    }
}
