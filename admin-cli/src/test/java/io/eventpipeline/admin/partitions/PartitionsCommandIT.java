package io.eventpipeline.admin.partitions;

import static io.eventpipeline.admin.PipelineFixture.utf8;
import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.PROJECTION_OFFSETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.AdminRun;
import io.eventpipeline.admin.AdminRun.Result;
import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.admin.ProcessorApp;
import io.eventpipeline.admin.rejected.TopicReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./admin partitions} against a real broker, PostgreSQL and the running stream-processor: what it
 * refuses (with the reason, changing nothing) and what it does.
 */
class PartitionsCommandIT {

    private static final String GROW_PRODUCER = "p-grow";
    private static PipelineFixture pipeline;
    private static ProcessorApp processor;
    private static AdminRun admin;

    @BeforeAll
    static void given() throws Exception {
        pipeline = new PipelineFixture("admin-partitions", 3);
        processor = new ProcessorApp(pipeline);
        admin = pipeline.admin().with("PROCESSOR_MANAGEMENT_URL", processor.managementUrl());
        processor.awaitInternalTopics();
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void shouldRefuseToShrink() throws Exception {
        int before = partitionsOf("events.raw");

        Result result = admin.run("partitions", "events.raw", "--to", "2");

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("cannot remove partitions");
        assertThat(partitionsOf("events.raw")).isEqualTo(before);
    }

    @Test
    void shouldRefuseInternalAndForeignTopics() throws Exception {
        String changelog = processor.internalTopics().stream().filter(t -> t.endsWith("-changelog")).findFirst().orElseThrow();
        int before;
        try (Admin kafka = pipeline.kafkaAdmin()) {
            before = kafka.describeTopics(List.of(changelog)).allTopicNames().get().get(changelog).partitions().size();
        }

        Result internal = admin.run("partitions", changelog, "--to", "6");
        Result foreign = admin.run("partitions", "__consumer_offsets", "--to", "60");

        assertThat(internal.code()).as(internal.toString()).isEqualTo(3);
        assertThat(internal.err()).contains("internal topic");
        assertThat(foreign.code()).isEqualTo(3);
        try (Admin kafka = pipeline.kafkaAdmin()) {
            assertThat(kafka.describeTopics(List.of(changelog)).allTopicNames().get().get(changelog).partitions()).hasSize(before);
        }
    }

    @Test
    void shouldRefuseEventsRawWhileTheProcessorIsNotReady() throws Exception {
        int before = partitionsOf("events.raw");

        Result result = admin.with("PROCESSOR_MANAGEMENT_URL", "http://127.0.0.1:1").run("partitions", "events.raw",
                "--to", "12");

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("processor is not ready").contains("127.0.0.1:1");
        assertThat(partitionsOf("events.raw")).isEqualTo(before);
    }

    @Test
    void shouldGrowEventsRawUnderTheShardedProcessorAndVersionsContinueForAggregatesThatMoved() throws Exception {
        List<String> aggregates = IntStream.range(0, 20).mapToObj(i -> "o-" + i).toList();
        sendOneEachAndAwait(aggregates);
        sendOneEachAndAwait(aggregates);
        int before = partitionsOf("events.raw");

        Result plan = admin.run("partitions", "events.raw", "--to", String.valueOf(before * 2), "--dry-run");
        Result grown = admin.run("partitions", "events.raw", "--to", String.valueOf(before * 2), "--wait", "PT2M");
        sendOneEachAndAwait(aggregates);

        assertThat(plan.code()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("versions and dedup continue").contains("4 shards");
        assertThat(grown.code()).as(grown.toString()).isZero();
        assertThat(grown.out()).contains("the processor owns all " + before * 2 + " partitions");
        assertThat(partitionsOf("events.raw")).isEqualTo(before * 2);
        List<String> moved = aggregates.stream().filter(a -> {
            int hash = Utils.toPositive(Utils.murmur2(utf8(GROW_PRODUCER + "/order/" + a)));
            return hash % before != hash % (before * 2);
        }).toList();
        assertThat(moved).as("some aggregates changed partition").isNotEmpty();
        Map<String, List<Long>> versions = new TopicReader(pipeline).versionsByKey();
        for (String a : aggregates) {
            assertThat(versions.get(GROW_PRODUCER + "/order/" + a)).as(a).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void shouldRefuseEventsLogWhileTheProcessorWritesIt() throws Exception {
        Result result = admin.run("partitions", "events.log", "--to", "6");

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("Stop the processor");
        assertThat(partitionsOf("events.log")).isEqualTo(3);
    }

    @Test
    void shouldPlanThenGrowEventsRejected() throws Exception {
        long moving = givenAggregates(200, 3, 6);

        Result plan = admin.run("partitions", "events.rejected", "--to", "6", "--dry-run");
        int afterPlan = partitionsOf("events.rejected");
        Result grown = admin.run("partitions", "events.rejected", "--to", "6");
        Result again = admin.run("partitions", "events.rejected", "--to", "6");

        assertThat(plan.code()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("dry run").contains("from 3 to 6").contains("about 50% of the aggregates")
                .contains("of the 200 aggregates in Postgres, " + moving + " move, e.g. p-");
        assertThat(afterPlan).isEqualTo(3);
        assertThat(grown.code()).as(grown.toString()).isZero();
        assertThat(partitionsOf("events.rejected")).isEqualTo(6);
        assertThat(again.out()).contains("already has 6 partitions");
    }

    @Test
    void shouldRefuseEventsLogWhileTheWriterLagsEvenWithTheProcessorStopped() throws Exception {
        PipelineFixture idle = new PipelineFixture("admin-partitions-idle", 3);
        try (KafkaProducer<String, byte[]> producer = idle.producer()) {
            producer.send(new ProducerRecord<>(idle.topic("events.log"), 0, "p/a/1", utf8("{}"))).get();
            producer.send(new ProducerRecord<>(idle.topic("events.log"), 0, "p/a/1", utf8("{}"))).get();
        }
        writerPosition(idle, 0, 1);

        Result lagging = idle.admin().run("partitions", "events.log", "--to", "6");
        writerPosition(idle, 0, 2);
        Result drained = idle.admin().run("partitions", "events.log", "--to", "6");

        assertThat(lagging.code()).as(lagging.toString()).isEqualTo(3);
        assertThat(lagging.err()).contains("still has 1 records");
        assertThat(drained.code()).as(drained.toString()).isZero();
        assertThat(drained.out()).contains("now has 6 partitions");
    }

    /** Rows in aggregates; returns how many of their keys the default partitioner puts elsewhere. */
    private static long givenAggregates(int count, int from, int to) throws Exception {
        long moving = 0;
        try (Connection c = DriverManager.getConnection(pipeline.databaseUrl(), "postgres", "")) {
            var dsl = DSL.using(c, SQLDialect.POSTGRES);
            for (int i = 0; i < count; i++) {
                String producer = "p-" + (i % 3);
                dsl.insertInto(AGGREGATES).set(AGGREGATES.PRODUCER_ID, producer).set(AGGREGATES.AGGREGATE_TYPE, "order")
                        .set(AGGREGATES.AGGREGATE_ID, "o-" + i).set(AGGREGATES.VERSION, 1L)
                        .set(AGGREGATES.LAST_EVENT_ID, UUID.randomUUID()).set(AGGREGATES.LAST_EVENT_TYPE, "order.placed")
                        .set(AGGREGATES.EVENT_COUNT, 1L).execute();
                int hash = Utils.toPositive(Utils.murmur2(utf8(producer + "/order/o-" + i)));
                moving += hash % from != hash % to ? 1 : 0;
            }
        }
        return moving;
    }

    private static void sendOneEachAndAwait(List<String> aggregates) throws Exception {
        try (KafkaProducer<String, byte[]> producer = pipeline.producer()) {
            for (String a : aggregates) {
                String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"aggregateType\":\"order\",\"aggregateId\":\"" + a
                        + "\",\"eventType\":\"order.noted\",\"payload\":{},\"producerId\":\"" + GROW_PRODUCER
                        + "\",\"createdAt\":\"2026-11-27T08:00:00Z\"}";
                producer.send(new ProducerRecord<>(pipeline.topic("events.raw"), GROW_PRODUCER + "/order/" + a, utf8(json))).get();
            }
        }
        new TopicReader(pipeline).awaitProcessorCaughtUp(Duration.ofSeconds(90));
    }

    private static void writerPosition(PipelineFixture fixture, int partition, long next) throws Exception {
        try (Connection c = DriverManager.getConnection(fixture.databaseUrl(), "postgres", "")) {
            DSL.using(c, SQLDialect.POSTGRES).insertInto(PROJECTION_OFFSETS, PROJECTION_OFFSETS.CONSUMER_GROUP,
                            PROJECTION_OFFSETS.TOPIC, PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                    .values("event-pipeline-projection-writer", fixture.topic("events.log"), partition, next)
                    .onConflict(PROJECTION_OFFSETS.CONSUMER_GROUP, PROJECTION_OFFSETS.TOPIC, PROJECTION_OFFSETS.PARTITION)
                    .doUpdate().set(PROJECTION_OFFSETS.NEXT_OFFSET, next)
                    .execute();
        }
    }

    private static int partitionsOf(String name) throws Exception {
        try (Admin kafka = pipeline.kafkaAdmin()) {
            String topic = pipeline.topic(name);
            return kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }
}
