package io.eventpipeline.admin.config;

import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A service's readiness as its management port reports it ({@code /actuator/health/readiness}, what a
 * load balancer reads, docs/decisions.md D5).
 *
 * @param ready  the service answered 200 with status UP
 * @param status what it answered: its status, or why there was no answer
 */
public record ServiceHealth(boolean ready, String status) {

    public static ServiceHealth readiness(HttpClient http, URI base, Duration timeout) {
        URI uri = URI.create(base + "/actuator/health/readiness");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String status = statusOf(response.body());
            boolean up = response.statusCode() == 200 && "UP".equals(status);
            return new ServiceHealth(up, uri + " answered " + response.statusCode() + " " + status);
        } catch (IOException e) {
            return new ServiceHealth(false, uri + " did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceHealth(false, "interrupted while asking " + uri);
        }
    }

    private static String statusOf(String body) {
        try {
            JsonNode status = Json.MAPPER.readTree(body).get("status");
            return status == null ? "(no status)" : status.asString();
        } catch (JacksonException e) {
            return "(not JSON)";
        }
    }
}
