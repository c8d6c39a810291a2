package io.eventpipeline.projection.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import io.eventpipeline.projection.config.Databases;
import io.eventpipeline.projection.support.WriterFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryAnalysisIT {

    private WriterFixture fx;

    @BeforeAll
    void start() {
        fx = new WriterFixture("query_it");
        fx.execute("CREATE TABLE notes (id bigint PRIMARY KEY, owner varchar NOT NULL, body text)");
        fx.execute("INSERT INTO notes SELECT g, 'owner-' || (g % 500), md5(g::text) FROM generate_series(1, 20000) g");
        fx.execute("ANALYZE notes");
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @Test
    void shouldSuggestAnIndexWhenASlowQuerySeqScans() {
        List<PlanAdvice> advice = new CopyOnWriteArrayList<>();
        DSLContext dsl = Databases.dsl(fx.pool, new QueryTimingListener(fx.registry, Duration.ZERO, true, fx.pool,
                new PlanAdvisor(1000), advice::add));

        dsl.select(field("id")).from(table("notes")).where(field("owner").eq("owner-7")).fetch();

        assertThat(advice).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(PlanAdvice.Kind.SEQ_SCAN);
            assertThat(a.query()).isEqualTo("select notes");
            assertThat(a.suggestion()).contains("Seq Scan on notes").contains("owner").contains("index");
        });
        assertThat(fx.registry.find("db.query").tag("query", "select notes").timer()).isNotNull();
        assertThat(fx.registry.find("db.query.plan.advice").tag("kind", "SEQ_SCAN").counter().count()).isPositive();
    }

    @Test
    void shouldNotSuggestAnIndexWhenTheQueryUsesOne() {
        List<PlanAdvice> advice = new CopyOnWriteArrayList<>();
        DSLContext dsl = Databases.dsl(fx.pool, new QueryTimingListener(fx.registry, Duration.ZERO, true, fx.pool,
                new PlanAdvisor(1000), advice::add));

        dsl.select(field("body")).from(table("notes")).where(field("id").eq(42L)).fetch();

        assertThat(advice).noneMatch(a -> a.kind() == PlanAdvice.Kind.SEQ_SCAN);
    }

    @Test
    void shouldNeverExplainAWriteWhenItIsSlow() {
        List<PlanAdvice> advice = new CopyOnWriteArrayList<>();
        DSLContext dsl = Databases.dsl(fx.pool, new QueryTimingListener(fx.registry, Duration.ZERO, true, fx.pool,
                new PlanAdvisor(1), advice::add));

        dsl.update(table("notes")).set(field("body"), "x").where(field("owner").eq("owner-9")).execute();

        assertThat(advice).isEmpty();
        assertThat(fx.registry.find("db.query").tag("query", "update notes").timer().count()).isEqualTo(1);
    }
}
