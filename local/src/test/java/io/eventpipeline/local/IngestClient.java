package io.eventpipeline.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A producer of the end-to-end tests: POSTs one event with its API key and an Idempotency-Key. */
final class IngestClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalPipeline pipeline;
    private final String apiKey;

    IngestClient(LocalPipeline pipeline, String apiKey) {
        this.pipeline = pipeline;
        this.apiKey = apiKey;
    }

    HttpResponse<String> post(String body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + pipeline.ingestPort() + "/v1/events"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
