package io.eventpipeline.sql.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryNamesTest {

    @Test
    void shouldNameAStatementByItsVerbAndFirstTable() {
        assertThat(QueryNames.nameOf("insert into events (a) values (?)")).isEqualTo("insert events");
        assertThat(QueryNames.nameOf("SELECT x FROM \"public\".\"memories\" WHERE y = ?")).isEqualTo("select memories");
        assertThat(QueryNames.nameOf("COPY events (a) FROM STDIN")).isEqualTo("copy events");
        assertThat(QueryNames.nameOf(null)).isEqualTo("unknown");
    }

    @Test
    void shouldExplainOnlyPlainReadsOfTables() {
        assertThat(QueryNames.isExplainable("select id from notes where owner = 'o'")).isTrue();
        assertThat(QueryNames.isExplainable("select count(*), max(x) from events where created_at > now()")).isTrue();
        assertThat(QueryNames.isExplainable("with t as (select 1 from a) select * from t")).isTrue();
    }

    @Test
    void shouldNeverExplainWritesDdlOrFunctionCalls() {
        assertThat(QueryNames.isExplainable("update notes set body = 'x'")).isFalse();
        assertThat(QueryNames.isExplainable("with d as (delete from notes returning *) select * from d")).isFalse();
        assertThat(QueryNames.isExplainable("create index i on notes (owner)")).isFalse();
        assertThat(QueryNames.isExplainable("select ensure_events_partition('2026-01-01')")).isFalse();
        assertThat(QueryNames.isExplainable("select * from events_partitions()")).isFalse();
        assertThat(QueryNames.isExplainable("select set_config('lock_timeout', '1s', true) from notes")).isFalse();
        assertThat(QueryNames.isExplainable("select id from notes for update skip locked")).isFalse();
        assertThat(QueryNames.isExplainable("select 'from x(' from notes")).isTrue();
    }
}
