package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10 item 2, "accepted means stored" (docs/decisions.md D3), through the real pipeline: arbitrary JSON
 * bodies ({@link OddJson}) are posted to the ingest-api; every one it accepts (202) ends up as one row of
 * {@code events} whose payload and metadata equal what was sent as JSON (member order aside, numbers by
 * value) and whose ids are the sent text; every one it refuses is a 4xx problem+json.
 */
class AcceptedIsStoredPropertyIT {

    private static final String PREFIX = "e2e-accepted.";
    private static final String API_KEY = "ep_accepted_" + UUID.randomUUID();
    private static final String PRODUCER = "accepted-producer";
    private static final int EVENTS_PER_TRY = 25;
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    /** Reads back what jsonb prints: a 131,072-digit number is storable, so it is readable here. */
    private static final JsonMapper LENIENT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                            .maxNestingDepth(100_000).maxStringLength(Integer.MAX_VALUE).build()).build())
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static Infrastructure servers;
    private static String databaseUrl;
    private static LocalPipeline pipeline;
    private static int accepted;
    private static int refused;

    @BeforeContainer
    static void startPipeline() throws Exception {
        servers = TestServers.shared();
        databaseUrl = servers.freshDatabase("e2e_accepted");
        Map<String, String> env = new HashMap<>(servers.environment());
        env.put("DATABASE_URL", databaseUrl);
        Path state = Files.createTempDirectory(Path.of("target"), "e2e-accepted-streams-");
        pipeline = LocalPipeline.start(env, new LocalPipeline.Options(0, 0, 0, 0, 0, PREFIX, state, API_KEY, PRODUCER,
                Map.of()));
    }

    @AfterContainer
    static void stopPipeline() {
        System.out.printf("AcceptedIsStoredPropertyIT: %d accepted and stored, %d refused with a 4xx%n", accepted, refused);
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    void shouldStoreWhatWasAcceptedAndRefuseTheRestWithAProblem(@ForAll long seed) throws Exception {
        OddJson bodies = new OddJson(seed);
        Map<String, String> acceptedBodies = new LinkedHashMap<>();

        for (int i = 0; i < EVENTS_PER_TRY; i++) {
            String body = bodies.event();
            HttpResponse<String> answer = post(body);
            if (answer.statusCode() == 202) {
                acceptedBodies.put(LENIENT.readTree(answer.body()).get("eventId").asString(), body);
            } else {
                assertThat(answer.statusCode()).as("%s%n-> %s", abbreviated(body), answer.body()).isBetween(400, 499);
                assertThat(answer.headers().firstValue("Content-Type")).as(abbreviated(body))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
        }

        awaitRows(acceptedBodies);
        for (Map.Entry<String, String> sent : acceptedBodies.entrySet()) {
            assertStoredAsSent(sent.getKey(), LENIENT.readTree(sent.getValue()), abbreviated(sent.getValue()));
        }
        accepted += acceptedBodies.size();
        refused += EVENTS_PER_TRY - acceptedBodies.size();
    }

    private static void assertStoredAsSent(String eventId, JsonNode sent, String body) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT producer_id, aggregate_type,"
                + " aggregate_id, event_type, event_data::text, metadata::text, occurred_at FROM events WHERE event_id = ?::uuid")) {
            s.setString(1, eventId);
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).as(body).isTrue();
                assertThat(row.getString(1)).isEqualTo(PRODUCER);
                assertThat(row.getString(2)).as(body).isEqualTo(sent.get("aggregateType").asString());
                assertThat(row.getString(3)).as(body).isEqualTo(sent.get("aggregateId").asString());
                assertThat(row.getString(4)).as(body).isEqualTo(sent.get("eventType").asString());
                assertThat(SameJson.firstDifference(sent.get("payload"), LENIENT.readTree(row.getString(5))))
                        .as("payload differs at this pointer: %s", body).isNull();
                assertMetadata(sent.get("metadata"), row.getString(6), body);
                assertOccurredAt(sent.get("occurredAt"), row.getObject(7, OffsetDateTime.class), body);
                assertThat(row.next()).as("one row per event: %s", body).isFalse();
            }
        }
    }

    private static void assertMetadata(JsonNode sent, String stored, String body) {
        if (sent == null) {
            assertThat(stored).as(body).isNull();
        } else {
            assertThat(SameJson.firstDifference(sent, LENIENT.readTree(stored))).as("metadata differs: %s", body).isNull();
        }
    }

    /** timestamptz keeps microseconds: the writer drops the nanoseconds (never rounding 9999-12-31T23:59:59.9999999Z up a year). */
    private static void assertOccurredAt(JsonNode sent, OffsetDateTime stored, String body) {
        if (sent == null) {
            assertThat(stored).as(body).isNull();
            return;
        }
        Instant sentAt = OffsetDateTime.parse(sent.asString().toUpperCase(Locale.ROOT)).toInstant();
        assertThat(stored.toInstant()).as(body).isEqualTo(sentAt.truncatedTo(ChronoUnit.MICROS));
    }

    private static void awaitRows(Map<String, String> expected) throws Exception {
        Instant deadline = Instant.now().plus(ARRIVAL);
        int stored = storedOf(expected.keySet());
        while (stored < expected.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            stored = storedOf(expected.keySet());
        }
        assertThat(stored).as("accepted events stored within %s", ARRIVAL).isEqualTo(expected.size());
    }

    private static int storedOf(Set<String> eventIds) throws Exception {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE event_id = ANY (?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** As a real client: a 429 or 503 is sent again with the same key, for at most {@link #ARRIVAL}. */
    private static HttpResponse<String> post(String body) throws Exception {
        String key = "odd-" + UUID.randomUUID();
        IngestClient client = new IngestClient(pipeline, API_KEY);
        Instant deadline = Instant.now().plus(ARRIVAL);
        HttpResponse<String> answer = client.post(body, key);
        while (List.of(409, 429, 503).contains(answer.statusCode()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = client.post(body, key);
        }
        return answer;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(databaseUrl, servers.databaseUser(), servers.databasePassword());
    }

    private static String abbreviated(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...(" + body.length() + " chars)";
    }
}
