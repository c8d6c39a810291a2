package io.eventpipeline.admin.rebuild;

import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.MCP_CONTEXTS;
import static io.eventpipeline.sql.jooq.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.AdminRun;
import io.eventpipeline.admin.AdminRun.Result;
import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.admin.config.ExitCodes;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.sql.projection.ProjectionTables;
import io.eventpipeline.sql.projection.Projections;
import io.eventpipeline.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./admin rebuild} against a real broker and Postgres with the real projection-writer running:
 * projection rows are corrupted and deleted, the rebuild runs while events keep flowing, and the
 * projections must then be exactly what the events imply.
 */
class RebuildCommandIT {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final int AGGREGATES_PER_TYPE = Integer.getInteger("rebuild.it.aggregates", 40);
    private static final int ROUNDS = Integer.getInteger("rebuild.it.rounds", 8);
    private static PipelineFixture pipeline;
    private static WriterApp writer;
    private static LogEvents log;
    private static AdminRun admin;
    private static Projected db;

    @BeforeAll
    static void given() {
        pipeline = new PipelineFixture("admin-rebuild", 3);
        admin = pipeline.admin().with("WRITER_GROUP_ID", WriterApp.GROUP);
        db = new Projected(pipeline.environment());
        writer = new WriterApp(pipeline, 3);
        log = new LogEvents(pipeline);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < AGGREGATES_PER_TYPE; i++) {
                log.send("p-a", "order", "o-" + i);
                log.send(i % 2 == 0 ? "p-a" : "p-b", "context", "c-" + i);
                if (round < 2) {
                    log.send("p-a", "memory", "m-" + i);
                }
            }
        }
        log.flush();
        awaitWriterStoredAll();
    }

    @AfterAll
    static void stop() {
        if (writer != null) {
            writer.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void shouldRebuildEveryProjectionWhileTheWriterKeepsWriting() throws Exception {
        corrupt();
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread traffic = Thread.ofPlatform().start(() -> keepSending(flowing));
        Instant started = Instant.now();

        Result result = admin.run("rebuild");
        flowing.set(false);
        System.out.println("rebuild while " + log.count() + " events were sent: " + result);
        traffic.join();
        log.flush();
        awaitWriterStoredAll();

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).as("progress per partition, rate and ETA on stderr")
                .containsPattern("rebuild copy: \\S+events\\.log-0 [\\d,]+/[\\d,]+ .*events/s, ETA");
        assertThat(result.out()).contains("tables swapped", "cache invalidations published");
        assertProjectionsAreWhatTheEventsImply();
        assertThat(db.indexNames())
                .as("the swapped tables keep every index under its name")
                .containsExactlyInAnyOrder("aggregates_pkey", "memories_pkey", "idx_memories_user_id_created",
                        "mcp_contexts_pkey", "idx_mcp_context_tool");
        assertThat(db.shadowTables()).as("no shadow table is left").isEmpty();
        assertThat(new InvalidationLog(pipeline).keysSince(started))
                .as("caches are told about the rows the rebuild repaired")
                .contains("aggregate:p-a/order/o-999", "memory:p-a/m-2", "memories:user:p-a/u-m-2", "mcp-context:p-a/c-10")
                .as("and only about rows that changed").doesNotContain("mcp-context:p-a/c-12", "memory:p-a/m-6");
    }

    @Test
    void shouldKeepTheWritersLaterWritesIdempotentWhenEveryEventIsReplayedAfterASwap() {
        awaitWriterStoredAll();
        Result result = admin.run("rebuild");
        assertThat(result.code()).as(result.toString()).isZero();
        var before = List.of(db.aggregates(), db.memories(), db.contexts());

        List<EventEnvelope> all = log.sent();
        for (int from = 0; from < all.size(); from += 100) {
            List<EventEnvelope> batch = all.subList(from, Math.min(all.size(), from + 100));
            db.query(dsl -> {
                dsl.transaction(c -> new Projections(ProjectionTables.LIVE).apply(c.dsl(), batch));
                return null;
            });
        }

        assertThat(List.of(db.aggregates(), db.memories(), db.contexts()))
                .as("the writer's upserts against the swapped tables: replaying every event changes nothing").isEqualTo(before);
        assertProjectionsAreWhatTheEventsImply();
    }

    @Test
    void shouldRecomputeOnlyTheChosenAggregatesWhenAProducerAndAggregatesAreGiven() {
        awaitWriterStoredAll();
        db.query(dsl -> dsl.update(AGGREGATES).set(AGGREGATES.EVENT_COUNT, 999L)
                .where(AGGREGATES.PRODUCER_ID.eq("p-a")).and(AGGREGATES.AGGREGATE_ID.in("o-5", "o-6")).execute());
        db.query(dsl -> dsl.deleteFrom(MEMORIES).where(MEMORIES.MEMORY_ID.eq("m-5")).execute());

        Result result = admin.run("rebuild", "--producer", "p-a", "--aggregate", "order/o-5", "--aggregate", "memory/m-5");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("rows replaced");
        assertThat(db.aggregates().get("p-a/order/o-5")).isEqualTo(log.expectedAggregates().get("p-a/order/o-5"));
        assertThat(db.memories().get("p-a/m-5")).isEqualTo(log.expectedMemories().get("p-a/m-5"));
        assertThat(db.aggregates().get("p-a/order/o-6")).as("an aggregate not chosen is left alone").endsWith(" 999");
        db.query(dsl -> dsl.update(AGGREGATES).set(AGGREGATES.EVENT_COUNT, AGGREGATES.VERSION)
                .where(AGGREGATES.AGGREGATE_ID.eq("o-6")).execute());
    }

    @Test
    void shouldSayWhatWillHappenAndChangeNothingWhenDryRun() {
        Result result = admin.run("rebuild", "--dry-run");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("dry run", pipeline.topic("events.log") + "-0", "EVENTS TO READ",
                "creates aggregates_rebuild, memories_rebuild, mcp_contexts_rebuild", "swaps them in");
        assertThat(db.shadowTables()).isEmpty();
    }

    @Test
    void shouldRefuseWhenAnotherRebuildHoldsTheLock() {
        Result result = db.query(dsl -> dsl.transactionResult(c -> {
            c.dsl().fetch("SELECT pg_advisory_xact_lock(?)", RebuildLock.KEY);
            return admin.run("rebuild");
        }));

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("refused: another rebuild is running");
    }

    @Test
    void shouldRefuseWhenTheDatabaseIsNotReachable() {
        Result result = admin.with("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nowhere").run("rebuild");

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("refused: the database is not reachable");
    }

    @Test
    void shouldRefuseWhenRetentionDeletedTheStartOfAPartition() throws Exception {
        PipelineFixture other = new PipelineFixture("admin-rebuild-retention", 1);
        try (LogEvents events = new LogEvents(other); var kafka = other.kafkaAdmin()) {
            for (int i = 0; i < 3; i++) {
                events.send("p-r", "order", "o-1");
            }
            events.flush();
            var partition = new TopicPartition(other.topic("events.log"), 0);
            kafka.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(2))).all().get();
        }

        Result result = other.admin().run("rebuild", "--dry-run");

        assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("refused: " + other.topic("events.log") + "-0 starts at offset 2: retention deleted");
    }

    private static void corrupt() {
        db.query(dsl -> {
            dsl.deleteFrom(AGGREGATES).where(AGGREGATES.AGGREGATE_ID.in("o-1", "o-2")).execute();
            dsl.update(AGGREGATES).set(AGGREGATES.VERSION, 1L).where(AGGREGATES.AGGREGATE_ID.eq("o-3")).execute();
            dsl.insertInto(AGGREGATES, AGGREGATES.PRODUCER_ID, AGGREGATES.AGGREGATE_TYPE, AGGREGATES.AGGREGATE_ID,
                    AGGREGATES.VERSION, AGGREGATES.LAST_EVENT_ID, AGGREGATES.LAST_EVENT_TYPE, AGGREGATES.EVENT_COUNT)
                    .values("p-a", "order", "o-999", 7L, UUID.randomUUID(), "order.changed", 7L).execute();
            dsl.deleteFrom(MEMORIES).where(MEMORIES.MEMORY_ID.eq("m-2")).execute();
            dsl.update(MEMORIES).setNull(MEMORIES.DELETED_AT).where(MEMORIES.MEMORY_ID.eq("m-4")).execute();
            dsl.update(MCP_CONTEXTS).set(MCP_CONTEXTS.DATA, JSONB.valueOf("{\"tool\":\"wrong\"}"))
                    .where(MCP_CONTEXTS.CONTEXT_ID.eq("c-10")).execute();
            return null;
        });
    }

    /** Events for aggregates the rebuild also rebuilds, and new ones, until told to stop. */
    private static void keepSending(AtomicBoolean flowing) {
        int n = 0;
        while (flowing.get()) {
            log.send("p-a", "order", "o-" + (n % (AGGREGATES_PER_TYPE * 2)));
            log.send("p-b", "context", "c-" + (n % 7));
            n++;
            if (n % 10 == 0) {
                log.flush();
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertProjectionsAreWhatTheEventsImply() {
        assertThat(db.aggregates()).isEqualTo(log.expectedAggregates());
        assertThat(db.memories()).isEqualTo(log.expectedMemories());
        assertThat(db.contexts()).isEqualTo(log.expectedContexts());
    }

    private static void awaitWriterStoredAll() {
        Await.until(SETTLE, "the writer stored all " + log.count() + " events", () -> db.events() == log.count());
    }
}
