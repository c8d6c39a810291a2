package io.eventpipeline.admin.inspect;

import static io.eventpipeline.admin.PipelineFixture.utf8;
import static io.eventpipeline.sql.jooq.Tables.AGGREGATES;
import static io.eventpipeline.sql.jooq.Tables.EVENTS;
import static io.eventpipeline.sql.jooq.Tables.PROJECTION_OFFSETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.AdminRun;
import io.eventpipeline.admin.AdminRun.Result;
import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.admin.ProcessorApp;
import io.eventpipeline.admin.rejected.TopicReader;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./admin inspect} with the real processor's committed versions on one side and the rows in
 * PostgreSQL on the other: agreement, a writer catching up, lost events and a processor behind Postgres.
 */
class InspectCommandIT {

    private static final String PRODUCER = "p-inspect";
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-27T08:00:00Z");
    private static PipelineFixture pipeline;
    private static ProcessorApp processor;
    private static AdminRun admin;
    private static UUID acceptedId;

    @BeforeAll
    static void given() throws Exception {
        pipeline = new PipelineFixture("admin-inspect", 3);
        processor = new ProcessorApp(pipeline);
        admin = pipeline.admin().with("PROCESSOR_MANAGEMENT_URL", processor.managementUrl());
        try (KafkaProducer<String, byte[]> producer = pipeline.producer()) {
            acceptedId = send(producer, "o-1");
            for (String aggregate : List.of("o-1", "o-2", "o-3", "o-3", "o-3")) {
                send(producer, aggregate);
            }
        }
        new TopicReader(pipeline).awaitProcessorCaughtUp(Duration.ofSeconds(90));
        try (Connection c = connection()) {
            DSL.using(c, SQLDialect.POSTGRES).execute("SELECT ensure_events_partition(DATE '2026-11-01')");
        }
        stored("o-1", 2);
        stored("o-2", 5);
        stored("o-3", 1);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void shouldAgreeWhenPostgresHoldsWhatTheProcessorVersioned() {
        Result result = admin.run("inspect", PRODUCER, "order/o-1");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("processor  version 2  (live state: shard")
                .contains("on 127.0.0.1:").contains("postgres   version 2")
                .contains("versions gapless up to 2").contains("verdict    agree");
    }

    @Test
    void shouldShowWhetherAnEventIdIsInTheProcessorsDedupState() {
        Result accepted = admin.run("inspect", PRODUCER, "order/o-1", "--event-id", acceptedId.toString());
        Result unknown = admin.run("inspect", PRODUCER, "order/o-1", "--event-id", UUID.randomUUID().toString());
        Result otherProducer = admin.run("inspect", "p-other", "order/o-1", "--event-id", acceptedId.toString());

        assertThat(accepted.out()).as(accepted.toString()).contains("dedup      " + acceptedId + " seen: an accepted event");
        assertThat(unknown.out()).as(unknown.toString()).contains(" not seen: an event with this id would be processed");
        assertThat(otherProducer.out()).as(otherProducer.toString()).contains("processor  version none")
                .contains(" not seen");
    }

    @Test
    void shouldReadTheCommittedChangelogWhenTheProcessorDoesNotAnswer() {
        Result result = admin.with("PROCESSOR_MANAGEMENT_URL", "http://127.0.0.1:1").run("inspect", PRODUCER, "order/o-1");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("processor  version 2  (committed state: ")
                .contains("note       the processor's management port did not answer");
    }

    @Test
    void shouldFlagAProcessorBehindPostgres() {
        Result result = admin.run("inspect", PRODUCER, "order/o-2");

        assertThat(result.code()).as(result.toString()).isEqualTo(4);
        assertThat(result.out()).contains("processor  version 1").contains("postgres   version 5")
                .contains("would give the next event version 2 again").contains("verdict    DISAGREE");
    }

    @Test
    void shouldTellCatchingUpFromLostEvents() throws Exception {
        Result catchingUp = admin.run("inspect", PRODUCER, "order/o-3");
        writerAtTheEndOfEventsLog();
        Result lost = admin.run("inspect", PRODUCER, "order/o-3");

        assertThat(catchingUp.code()).as(catchingUp.toString()).isZero();
        assertThat(catchingUp.out()).contains("2 version(s) behind").contains("catching up");
        assertThat(lost.code()).as(lost.toString()).isEqualTo(4);
        assertThat(lost.out()).contains("nothing left to write");
    }

    @Test
    void shouldRefuseAMalformedAggregate() {
        Result result = admin.run("inspect", PRODUCER, "o-1");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("TYPE/ID must look like order/o-17");
    }

    private static UUID send(KafkaProducer<String, byte[]> producer, String aggregateId) throws Exception {
        UUID id = UUID.randomUUID();
        String json = "{\"eventId\":\"" + id + "\",\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregateId
                + "\",\"eventType\":\"order.noted\",\"payload\":{},\"producerId\":\"" + PRODUCER
                + "\",\"createdAt\":\"2026-11-27T08:00:00Z\"}";
        EventEnvelope envelope = Json.MAPPER.readValue(json, EventEnvelope.class);
        producer.send(new ProducerRecord<>(pipeline.topic("events.raw"), envelope.key(), utf8(json))).get();
        return id;
    }

    /** What the writer would have stored: the aggregates row and events v1..version. */
    private static void stored(String aggregateId, long version) throws Exception {
        try (Connection c = connection()) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            UUID last = null;
            for (long v = 1; v <= version; v++) {
                last = UUID.randomUUID();
                dsl.insertInto(EVENTS).set(EVENTS.EVENT_ID, last).set(EVENTS.PRODUCER_ID, PRODUCER)
                        .set(EVENTS.AGGREGATE_TYPE, "order").set(EVENTS.AGGREGATE_ID, aggregateId).set(EVENTS.EVENT_VERSION, v)
                        .set(EVENTS.EVENT_TYPE, "order.noted").set(EVENTS.CREATED_AT, CREATED)
                        .set(EVENTS.EVENT_DATA, JSONB.valueOf("{}")).execute();
            }
            dsl.insertInto(AGGREGATES).set(AGGREGATES.PRODUCER_ID, PRODUCER).set(AGGREGATES.AGGREGATE_TYPE, "order")
                    .set(AGGREGATES.AGGREGATE_ID, aggregateId).set(AGGREGATES.VERSION, version)
                    .set(AGGREGATES.LAST_EVENT_ID, last).set(AGGREGATES.LAST_EVENT_TYPE, "order.noted")
                    .set(AGGREGATES.EVENT_COUNT, version).execute();
        }
    }

    private static void writerAtTheEndOfEventsLog() throws Exception {
        String log = pipeline.topic("events.log");
        Map<TopicPartition, Long> end;
        try (Admin kafka = pipeline.kafkaAdmin()) {
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (int p = 0; p < 3; p++) {
                request.put(new TopicPartition(log, p), OffsetSpec.latest());
            }
            end = new HashMap<>();
            for (var e : kafka.listOffsets(request).all().get().entrySet()) {
                end.put(e.getKey(), e.getValue().offset());
            }
        }
        try (Connection c = connection()) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            for (var e : end.entrySet()) {
                dsl.insertInto(PROJECTION_OFFSETS, PROJECTION_OFFSETS.CONSUMER_GROUP, PROJECTION_OFFSETS.TOPIC,
                                PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                        .values("event-pipeline-projection-writer", log, e.getKey().partition(), e.getValue()).execute();
            }
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(pipeline.databaseUrl(), "postgres", "");
    }
}
