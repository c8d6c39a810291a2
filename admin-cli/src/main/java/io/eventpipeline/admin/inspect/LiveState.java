package io.eventpipeline.admin.inspect;

import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An aggregate in the running processor, asked over its management port ({@code /actuator/aggregate/...},
 * interactive queries routed to the instance that owns the aggregate): the live version and, for an event id,
 * whether it is in the dedup state. {@code problem} says why there is no answer (the processor is down,
 * rebalancing, or older than this endpoint), and then the other fields are null.
 */
record LiveState(Long version, Integer shard, Boolean seen, String servedBy, String problem) {

    static final String PATH = "/actuator/aggregate/";

    boolean answered() {
        return problem == null;
    }

    static LiveState read(HttpClient http, URI processor, String producer, String type, String id, UUID eventId,
            Duration timeout) {
        try {
            URI uri = new URI(processor.getScheme(), null, processor.getHost(), processor.getPort(),
                    PATH + producer + "/" + type + "/" + id, eventId == null ? null : "eventId=" + eventId, null);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return failed(uri + " answered " + response.statusCode() + " " + response.body());
            }
            JsonNode body = Json.MAPPER.readTree(response.body());
            return new LiveState(number(body, "version"), body.path("shard").asInt(), bool(body, "seen"),
                    body.path("servedBy").asString(), null);
        } catch (IOException | URISyntaxException | JacksonException e) {
            return failed(processor + " did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while asking " + processor);
        }
    }

    private static LiveState failed(String problem) {
        return new LiveState(null, null, null, null, problem);
    }

    private static Long number(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }
}
