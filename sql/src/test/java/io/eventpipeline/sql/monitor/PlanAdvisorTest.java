package io.eventpipeline.sql.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanAdvisorTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final PlanAdvisor advisor = new PlanAdvisor(1000);

    @Test
    void shouldSuggestAnIndexWhenASeqScanReadsManyRows() {
        String plan = """
                [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "notes", "Total Cost": 400.0,
                  "Actual Rows": 40, "Actual Loops": 1, "Rows Removed by Filter": 19960,
                  "Filter": "((owner)::text = 'owner-7'::text)"}, "Execution Time": 3.1}]""";

        List<PlanAdvice> advice = advisor.advise("select notes", MAPPER.readTree(plan));

        assertThat(advice).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(PlanAdvice.Kind.SEQ_SCAN);
            assertThat(a.suggestion()).contains("notes", "20000 rows", "owner", "index");
        });
    }

    @Test
    void shouldStayQuietWhenASeqScanReadsATinyTable() {
        String plan = """
                [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "tiny", "Total Cost": 1.0,
                  "Actual Rows": 3, "Actual Loops": 1}}]""";

        assertThat(advisor.advise("select tiny", MAPPER.readTree(plan))).isEmpty();
    }

    @Test
    void shouldSuggestSortedIndexAndJoinRewriteWhenNestedNodesAreCostly() {
        String plan = """
                [{"Plan": {"Node Type": "Sort", "Total Cost": 9000.0, "Sort Key": ["created_at DESC"],
                  "Plans": [{"Node Type": "Nested Loop", "Total Cost": 25000.0,
                    "Plans": [{"Node Type": "Index Scan", "Total Cost": 10.0}]}]}}]""";

        List<PlanAdvice> advice = advisor.advise("select events", MAPPER.readTree(plan));

        assertThat(advice).extracting(PlanAdvice::kind)
                .containsExactly(PlanAdvice.Kind.SORT, PlanAdvice.Kind.NESTED_LOOP);
        assertThat(advice.getFirst().suggestion()).contains("created_at DESC");
    }

    @Test
    void shouldNameQueriesByVerbAndFirstTableWhenTimingThem() {
        assertThat(QueryNames.nameOf("insert into \"events\" (\"event_id\") values (?)")).isEqualTo("insert events");
        assertThat(QueryNames.nameOf("select a from public.aggregates where x = ?")).isEqualTo("select aggregates");
        assertThat(QueryNames.nameOf("update memories set deleted_at = ?")).isEqualTo("update memories");
        assertThat(QueryNames.nameOf("select set_config('lock_timeout', ?, true)")).isEqualTo("select");
    }
}
