package io.eventpipeline.admin.inspect;

import static io.eventpipeline.admin.PipelineFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.PipelineFixture;
import io.eventpipeline.admin.ProcessorApp;
import io.eventpipeline.admin.rejected.TopicReader;
import io.eventpipeline.schemas.Json;
import io.eventpipeline.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two processor instances share the shards; asking either of them about an aggregate gives the same answer, from the
 * instance that owns it (the other forwards the question over HTTP to the owner's {@code APPLICATION_SERVER}).
 */
class ProcessorQueryRoutingIT {

    private static final String PRODUCER = "p-routing";
    private static final int AGGREGATES = 8;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerFromTheOwnerWhicheverInstanceIsAsked() throws Exception {
        PipelineFixture pipeline = new PipelineFixture("admin-routing", 3);
        try (ProcessorApp first = new ProcessorApp(pipeline); ProcessorApp second = new ProcessorApp(pipeline)) {
            try (KafkaProducer<String, byte[]> producer = pipeline.producer()) {
                for (int a = 1; a <= AGGREGATES; a++) {
                    for (int n = 0; n < a; n++) {
                        send(pipeline, producer, "o-" + a);
                    }
                }
            }
            new TopicReader(pipeline).awaitProcessorCaughtUp(Duration.ofSeconds(120));
            Set<String> owners = new HashSet<>();

            for (int a = 1; a <= AGGREGATES; a++) {
                String path = LiveState.PATH + PRODUCER + "/order/o-" + a;
                JsonNode[] answers = bothAnswers(first.managementUrl() + path, second.managementUrl() + path);
                JsonNode fromFirst = answers[0];
                JsonNode fromSecond = answers[1];

                assertThat(fromFirst.get("version").asLong()).as("version of o-%d", a).isEqualTo(a);
                assertThat(fromSecond).as("the same answer from either instance for o-%d", a).isEqualTo(fromFirst);
                owners.add(fromFirst.get("servedBy").asString());
            }
            System.out.println("ROUTING: aggregates served by " + owners);
        }
    }

    /**
     * Both instances' answers, asked back to back until they agree: a shard may still move between the two questions
     * right after the second instance joined (the assignor hands warmed-up shards over in a follow-up rebalance), and
     * then each answer is right for its moment. Never agreeing within a minute fails the test.
     */
    private JsonNode[] bothAnswers(String firstUrl, String secondUrl) {
        JsonNode[] answers = new JsonNode[2];
        Await.until(Duration.ofSeconds(60), "the same answer from " + firstUrl + " and " + secondUrl, () -> {
            answers[0] = answer(firstUrl);
            answers[1] = answer(secondUrl);
            return answers[0].equals(answers[1]);
        });
        return answers;
    }

    /** The answer once both instances run (a rebalance answers 503 for a moment). */
    private JsonNode answer(String url) {
        JsonNode[] body = new JsonNode[1];
        Await.until(Duration.ofSeconds(60), "200 from " + url, () -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                body[0] = response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
                if (body[0] == null) {
                    System.out.println("ROUTING: " + url + " answered " + response.statusCode() + " " + response.body());
                }
                return body[0] != null;
            } catch (Exception e) {
                return false;
            }
        });
        return body[0];
    }

    private static void send(PipelineFixture pipeline, KafkaProducer<String, byte[]> producer, String aggregateId)
            throws Exception {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"aggregateType\":\"order\",\"aggregateId\":\""
                + aggregateId + "\",\"eventType\":\"order.noted\",\"payload\":{},\"producerId\":\"" + PRODUCER
                + "\",\"createdAt\":\"2026-11-27T08:00:00Z\"}";
        producer.send(new ProducerRecord<>(pipeline.topic("events.raw"), PRODUCER + "/order/" + aggregateId,
                utf8(json))).get();
    }
}
