package io.eventpipeline.read.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class QueryMonitorTest {

    @Test
    void shouldExplainOnlySelectsFromTablesNeverFunctionCallsDdlOrWrites() {
        assertThat(QueryMonitor.isPlainSelect("select aggregates.version from aggregates where aggregates.producer_id = 'p'"))
                .isTrue();
        assertThat(QueryMonitor.isPlainSelect("select events.event_type, count(*) as events from events group by 1")).isTrue();

        assertThat(QueryMonitor.isPlainSelect("select ensure_events_partition(current_date)")).isFalse();
        assertThat(QueryMonitor.isPlainSelect("SELECT detach_events_partition('events_2020_01', true) FROM x")).isFalse();
        assertThat(QueryMonitor.isPlainSelect("select now()")).isFalse();
        assertThat(QueryMonitor.isPlainSelect("create table t (x int)")).isFalse();
        assertThat(QueryMonitor.isPlainSelect("with d as (delete from t returning *) select * from d")).isFalse();
        assertThat(QueryMonitor.isPlainSelect("set local statement_timeout = 30000")).isFalse();
        assertThat(QueryMonitor.isPlainSelect(null)).isFalse();
    }

    @Test
    void shouldListThePlanNodesOfJooqsTextPlan() {
        String plan = """
                +----------------------------------------------------------+
                |QUERY PLAN                                                |
                +----------------------------------------------------------+
                |Limit  (cost=0.29..8.31 rows=1 width=64)                  |
                |  ->  Index Scan using idx_x on events_2026_11  (cost=0.29..8.31 rows=1 width=64)|
                |        Index Cond: ((producer_id)::text = 'p'::text)     |
                +----------------------------------------------------------+
                """;

        assertThat(PlanExplainer.nodes(plan)).containsExactly("Limit", "Index Scan using idx_x on events_2026_11",
                "Index Cond: ((producer_id)::text = 'p'::text)");
    }

    @Test
    void shouldExplainSlowQueriesInTheDevProfileOnly() {
        Properties dev = yaml("read-api-dev.yml");
        Properties main = yaml("read-api.yml");

        assertThat(dev.getProperty("QUERY_EXPLAIN_ENABLED")).isEqualTo("true");
        assertThat(dev.getProperty("SLOW_QUERY_THRESHOLD")).isEqualTo("50ms");
        assertThat(main.getProperty("QUERY_EXPLAIN_ENABLED")).as("off unless the dev profile is active").isNull();
    }

    private static Properties yaml(String resource) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(resource));
        return yaml.getObject();
    }
}
