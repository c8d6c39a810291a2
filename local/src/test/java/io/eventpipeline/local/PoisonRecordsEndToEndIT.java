package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.Json;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's done-when, end to end: the records that once stopped the pipeline or were accepted and never
 * stored (a valid event of about 1,048,300 bytes with a wrong expectedVersion; NUL in aggregateId, a
 * payload member name, metadata) are refused with a reason, and a normal event posted after them still
 * arrives in PostgreSQL.
 */
class PoisonRecordsEndToEndIT {

    private static final String PREFIX = "e2e-poison.";
    private static final String API_KEY = "ep_poison_" + UUID.randomUUID();
    private static final int LARGE_BODY_BYTES = 1_048_300;
    private static final int FITTING_BODY_BYTES = 1_040_000;
    private static final int OVER_BODY_BYTES = 1_048_500;
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static Infrastructure servers;
    private static String databaseUrl;
    private static LocalPipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        servers = TestServers.shared();
        databaseUrl = servers.freshDatabase("e2e_poison");
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("DATABASE_URL", databaseUrl);
        Path state = Files.createTempDirectory(Path.of("target"), "e2e-poison-streams-");
        pipeline = LocalPipeline.start(env, new LocalPipeline.Options(0, 0, 0, 0, 0, PREFIX, state, API_KEY, "poison-producer",
                Map.of()));
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldStoreANormalEventAfterTheLargeEventWithAWrongVersionAndTheNulEvents() throws Exception {
        HttpResponse<String> largeAnswer = post(largeBody(LARGE_BODY_BYTES), "poison-" + UUID.randomUUID());
        // a body this close to 1 MiB cannot fit once the envelope's fields are added
        HttpResponse<String> overAnswer = post(largeBody(OVER_BODY_BYTES), "poison-" + UUID.randomUUID());
        // just inside the budget: accepted, and its rejection wraps an envelope of about 1 MiB
        HttpResponse<String> fittingAnswer = post(largeBody(FITTING_BODY_BYTES), "poison-" + UUID.randomUUID());
        List<HttpResponse<String>> nulAnswers = List.of(
                post(event("nul-" + UUID.randomUUID() + "\\u0000x", "{\"n\":1}", "{}"), "poison-" + UUID.randomUUID()),
                post(event("key-" + UUID.randomUUID(), "{\"ke\\u0000y\":1}", "{}"), "poison-" + UUID.randomUUID()),
                post(event("meta-" + UUID.randomUUID(), "{\"n\":1}", "{\"note\":\"a\\u0000b\"}"),
                        "poison-" + UUID.randomUUID()));
        String normal = "after-" + UUID.randomUUID();
        HttpResponse<String> normalAnswer = post(event(normal, "{\"n\":2}", "{}"), "normal-" + UUID.randomUUID());

        // the body sits at the edge: whether its envelope fits depends on the ids and keys added
        assertThat(largeAnswer.statusCode()).as(largeAnswer.body()).isIn(202, 413);
        if (largeAnswer.statusCode() == 202) {
            String largeId = Json.MAPPER.readTree(largeAnswer.body()).get("eventId").asString();
            assertThat(awaitRejection(largeId)).as("reason on events.rejected").isEqualTo("version_conflict");
            assertThat(rowsOf(largeId)).isZero();
        }
        assertThat(overAnswer.statusCode()).as(overAnswer.body()).isEqualTo(413);
        assertThat(overAnswer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(fittingAnswer.statusCode()).as(fittingAnswer.body()).isEqualTo(202);
        String fittingId = Json.MAPPER.readTree(fittingAnswer.body()).get("eventId").asString();
        assertThat(awaitRejection(fittingId)).as("reason on events.rejected").isEqualTo("version_conflict");
        assertThat(rowsOf(fittingId)).isZero();
        assertThat(nulAnswers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        });
        assertThat(normalAnswer.statusCode()).isEqualTo(202);
        assertThat(awaitRow(Json.MAPPER.readTree(normalAnswer.body()).get("eventId").asString())).isTrue();
    }

    @Test
    void shouldRejectANulEventFromARawProducerAndStillStoreTheNextEvent() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String aggregate = "raw-" + UUID.randomUUID();
        String envelope = "{\"eventId\":\"" + eventId + "\",\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregate
                + "\\u0000\",\"eventType\":\"order.updated\",\"payload\":{\"n\":1},\"producerId\":\"poison-producer\","
                + "\"createdAt\":\"" + Instant.now() + "\"}";

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(PREFIX + Topics.EVENTS_RAW.name(),
                    "poison-producer/order/" + aggregate + "\u0000", envelope)).get();
        }
        HttpResponse<String> normalAnswer = post(event("after-raw-" + UUID.randomUUID(), "{\"n\":3}", "{}"),
                "normal-" + UUID.randomUUID());

        assertThat(awaitRejection(eventId)).as("refused by the processor's validation, not by PostgreSQL")
                .isIn("invalid_envelope", "invalid_payload");
        assertThat(normalAnswer.statusCode()).isEqualTo(202);
        assertThat(awaitRow(Json.MAPPER.readTree(normalAnswer.body()).get("eventId").asString())).isTrue();
    }

    /** A valid event of {@code bytes} bytes whose expectedVersion (41) cannot match a new aggregate. */
    private static String largeBody(int bytes) {
        String head = "{\"aggregateType\":\"order\",\"aggregateId\":\"large-" + UUID.randomUUID()
                + "\",\"eventType\":\"order.updated\",\"expectedVersion\":41,\"payload\":{\"blob\":\"";
        String tail = "\"}}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    private IngestClient producer() {
        return new IngestClient(pipeline, API_KEY);
    }

    /** As a real client: a 409, 429 or 503 is sent again with the same key, for at most {@link #ARRIVAL}. */
    private HttpResponse<String> post(String body, String key) throws Exception {
        Instant deadline = Instant.now().plus(ARRIVAL);
        HttpResponse<String> answer = producer().post(body, key);
        while (List.of(409, 429, 503).contains(answer.statusCode()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            answer = producer().post(body, key);
        }
        return answer;
    }

    private static String event(String aggregateIdJson, String payload, String metadata) {
        return "{\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregateIdJson
                + "\",\"eventType\":\"order.updated\",\"payload\":" + payload + ",\"metadata\":" + metadata + "}";
    }

    /** The reason of the first events.rejected record about {@code eventId}, or null after {@link #ARRIVAL}. */
    private static String awaitRejection(String eventId) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "poison-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(PREFIX + Topics.EVENTS_REJECTED.name()));
            Instant deadline = Instant.now().plus(ARRIVAL);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(eventId)) {
                        var reason = record.headers().lastHeader(Topics.REASON_HEADER);
                        return reason == null ? "(no reason header)" : new String(reason.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }

    private static boolean awaitRow(String eventId) throws Exception {
        Instant deadline = Instant.now().plus(ARRIVAL);
        while (Instant.now().isBefore(deadline)) {
            if (rowsOf(eventId) == 1) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static int rowsOf(String eventId) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl, servers.databaseUser(), servers.databasePassword());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE event_id = ?::uuid")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
