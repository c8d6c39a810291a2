package io.eventpipeline.read.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;

/** GETs against a running service, optionally with request headers (name, value, name, value, ...). */
public final class Http {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(ConfigurableApplicationContext app) {
        this(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    /** The management port (actuator) of a running service. */
    public static Http management(ConfigurableApplicationContext app) {
        return new Http(Integer.parseInt(app.getEnvironment().getProperty("local.management.port")));
    }

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
