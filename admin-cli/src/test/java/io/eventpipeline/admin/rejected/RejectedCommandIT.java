package io.eventpipeline.admin.rejected;

import static io.eventpipeline.admin.PipelineFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.AdminRun.Result;
import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.admin.ProcessorApp;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.RejectedEvent;
import io.eventpipeline.schemas.RejectionReason;
import io.eventpipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./admin rejected} against rejections written by the real stream-processor service: list by
 * reason, show, and redrive a fixed event all the way to events.log with its eventId and producer.
 */
class RejectedCommandIT {

    private static final String PRODUCER = "p-redrive";
    private static PipelineFixture pipeline;
    private static ProcessorApp processor;
    private static TopicReader topics;
    private static final UUID INVALID_PAYLOAD = UUID.randomUUID();
    private static final UUID CONFLICT = UUID.randomUUID();
    private static final UUID ACCEPTED = UUID.randomUUID();
    private static final UUID TRUNCATED = UUID.randomUUID();
    private static Map<String, String> idsByReason;

    @BeforeAll
    static void given() throws Exception {
        pipeline = new PipelineFixture("admin-rejected", 3);
        processor = new ProcessorApp(pipeline);
        topics = new TopicReader(pipeline);
        try (KafkaProducer<String, byte[]> producer = pipeline.producer()) {
            sendRaw(producer, envelope(ACCEPTED, "order", "o-1", "order.placed", "{\"total\":1}", null));
            sendRaw(producer, envelope(CONFLICT, "order", "o-1", "order.paid", "{}", 7L));
            sendRaw(producer, envelope(INVALID_PAYLOAD, "memory", "m-1", "memory.created", "{\"content\":\"milk\"}", null));
            producer.send(new ProducerRecord<>(pipeline.topic("events.raw"), "memory/m-2", utf8("not json"))).get();
            // the truncated form of a rejection too large to carry its event (docs/decisions.md D2)
            String big = envelope(TRUNCATED, "memory", "m-3", "memory.created", "{\"content\":\"x\"}", null);
            EventEnvelope event = Json.MAPPER.readValue(big, EventEnvelope.class);
            RejectedEvent truncated = RejectedEvent.of(RejectionReason.INVALID_PAYLOAD, "/payload: userId missing",
                    new RejectedEvent.Source(event.key(), pipeline.topic("events.raw"), 0, 9), event, utf8(big),
                    Instant.now()).toTruncated();
            producer.send(new ProducerRecord<>(pipeline.topic("events.rejected"), null, event.key(),
                    Topics.EVENTS_REJECTED.valueSerde().serializer().serialize("", truncated),
                    new RecordHeaders().add(Topics.REASON_HEADER, utf8("invalid_payload")))).get();
        }
        idsByReason = topics.awaitRejections(4, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void shouldListEveryRejectionWithItsReasonAndCountThem() {
        Result result = pipeline.admin().run("rejected", "list");

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.row(idsByReason.get("version_conflict"))).hasValueSatisfying(row ->
                assertThat(row.subList(2, 6)).containsExactly("version_conflict", PRODUCER,
                        key("order", "o-1"), CONFLICT.toString()));
        assertThat(result.row(idsByReason.get("undeserialisable"))).isPresent();
        assertThat(result.out()).contains("4 rejected: invalid_payload 2, undeserialisable 1, version_conflict 1");
    }

    @Test
    void shouldListOnlyTheReasonsAsked() {
        Result result = pipeline.admin().run("rejected", "list", "--reason", "version_conflict,undeserialisable",
                "--since", "PT1H");

        assertThat(result.out()).contains("2 rejected: undeserialisable 1, version_conflict 1");
        assertThat(result.out()).doesNotContain(INVALID_PAYLOAD.toString());
    }

    @Test
    void shouldShowTheWholeRejectionAndTheRefusedEventAlone() {
        String id = idsByReason.get("invalid_payload");

        Result whole = pipeline.admin().run("rejected", "show", id);
        Result event = pipeline.admin().run("rejected", "show", id, "--envelope");

        assertThat(whole.code()).isZero();
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(whole.out());
        assertThat(json.get("headers").get("reason").asString()).isEqualTo("invalid_payload");
        assertThat(json.get("value").get("detail").asString()).contains("userId");
        assertThat(Json.MAPPER.readTree(event.out()).get("eventId").asString()).isEqualTo(INVALID_PAYLOAD.toString());
        assertThat(pipeline.admin().run("rejected", "show", pipeline.topic("events.rejected") + "-0-999999").code())
                .isEqualTo(2);
    }

    @Test
    void shouldRedriveAFixedEventToEventsLogWithItsEventIdAndProducerAndDropASecondRedrive() throws Exception {
        String id = idsByReason.get("invalid_payload");
        Path fixed = Files.createTempFile(Path.of("target"), "fixed", ".json");
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(pipeline.admin().run("rejected", "show", id, "--envelope").out());
        ((ObjectNode) event.get("payload")).put("userId", "u-1");
        Files.writeString(fixed, Json.MAPPER.writeValueAsString(event));

        Result unchanged = pipeline.admin().run("rejected", "redrive", id);
        Result redriven = pipeline.admin().run("rejected", "redrive", id, "--from-file", fixed.toString());
        Result again = pipeline.admin().run("rejected", "redrive", id, "--from-file", fixed.toString());

        assertThat(unchanged.code()).as(unchanged.toString()).isEqualTo(3);
        assertThat(unchanged.err()).contains("would be rejected again").contains("userId");
        assertThat(redriven.code()).as(redriven.toString()).isZero();
        assertThat(again.code()).isZero();
        List<EventEnvelope> logged = topics.awaitLogged(INVALID_PAYLOAD, Duration.ofSeconds(60));
        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.producerId()).isEqualTo(PRODUCER);
            assertThat(e.version()).isEqualTo(1L);
            assertThat(e.payload()).contains("\"userId\":\"u-1\"");
        });
        topics.awaitProcessorCaughtUp(Duration.ofSeconds(60));
        assertThat(topics.logged(INVALID_PAYLOAD)).as("the second redrive is a duplicate").hasSize(1);
        assertThat(topics.redriveHeaders()).contains(id);
    }

    @Test
    void shouldRedriveAFixedVersionConflictWithItsEventIdToTheNextVersion() throws Exception {
        String id = idsByReason.get("version_conflict");
        Path fixed = Files.createTempFile(Path.of("target"), "fixed-conflict", ".json");
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(pipeline.admin().run("rejected", "show", id, "--envelope").out());
        event.put("expectedVersion", 1);
        Files.writeString(fixed, Json.MAPPER.writeValueAsString(event));

        Result redriven = pipeline.admin().run("rejected", "redrive", id, "--from-file", fixed.toString());
        Result again = pipeline.admin().run("rejected", "redrive", id, "--from-file", fixed.toString());

        assertThat(redriven.code()).as(redriven.toString()).isZero();
        assertThat(again.code()).as(again.toString()).isZero();
        List<EventEnvelope> logged = topics.awaitLogged(CONFLICT, Duration.ofSeconds(60));
        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.producerId()).isEqualTo(PRODUCER);
            assertThat(e.aggregateId()).isEqualTo("o-1");
            assertThat(e.version()).as("the version after the accepted event's 1").isEqualTo(2L);
        });
        topics.awaitProcessorCaughtUp(Duration.ofSeconds(60));
        assertThat(topics.logged(CONFLICT)).as("the second redrive of an accepted event is a duplicate").hasSize(1);
        assertThat(topics.logged(ACCEPTED)).hasSize(1);
    }

    @Test
    void shouldRefuseToRedriveWhatWouldBeLostOrChangeIdentity() throws Exception {
        Path otherId = Files.createTempFile(Path.of("target"), "other-id", ".json");
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(
                pipeline.admin().run("rejected", "show", idsByReason.get("invalid_payload"), "--envelope").out());
        ((ObjectNode) event.get("payload")).put("userId", "u-1");
        event.put("eventId", UUID.randomUUID().toString());
        Files.writeString(otherId, Json.MAPPER.writeValueAsString(event));

        Result truncated = pipeline.admin().run("rejected", "redrive", idsByReason.get("truncated"));
        Result garbage = pipeline.admin().run("rejected", "redrive", idsByReason.get("undeserialisable"));
        Result changedId = pipeline.admin().run("rejected", "redrive", idsByReason.get("invalid_payload"),
                "--from-file", otherId.toString());

        assertThat(List.of(truncated, garbage, changedId)).allSatisfy(r -> assertThat(r.code()).as(r.toString()).isEqualTo(3));
        assertThat(truncated.err()).contains("truncated").contains("--from-file");
        assertThat(garbage.err()).contains("not a JSON object");
        assertThat(changedId.err()).contains("eventId").contains(INVALID_PAYLOAD.toString());
        assertThat(topics.redriveHeaders()).doesNotContain(idsByReason.get("truncated"));
    }

    static String envelope(UUID id, String type, String aggregateId, String eventType, String payload, Long expected) {
        return "{\"eventId\":\"" + id + "\",\"aggregateType\":\"" + type + "\",\"aggregateId\":\"" + aggregateId
                + "\",\"eventType\":\"" + eventType + "\",\"payload\":" + payload + ",\"producerId\":\"" + PRODUCER
                + "\",\"idempotencyKey\":\"k-" + id + "\",\"createdAt\":\"2026-11-27T08:00:00Z\""
                + (expected == null ? "" : ",\"expectedVersion\":" + expected) + "}";
    }

    private static String key(String type, String id) {
        return Json.MAPPER.readValue(envelope(UUID.randomUUID(), type, id, "x.y", "{}", null), EventEnvelope.class).key();
    }

    private static void sendRaw(KafkaProducer<String, byte[]> producer, String json) throws Exception {
        EventEnvelope envelope = Json.MAPPER.readValue(json, EventEnvelope.class);
        producer.send(new ProducerRecord<>(pipeline.topic("events.raw"), envelope.key(), json.getBytes(StandardCharsets.UTF_8))).get();
    }
}
