package io.eventpipeline.read.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * GETs against a running service, with request headers as (name, value, name, value, ...) and, unless a
 * request names its own, {@code Authorization: Bearer <apiKey>} when this client has a key.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;
    private final String apiKey;

    private Http(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The public port, with this API key. */
    public Http(ConfigurableApplicationContext app, String apiKey) {
        this("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"), apiKey);
    }

    /** The management port (actuator) of a running service; no key. */
    public static Http management(ConfigurableApplicationContext app) {
        return new Http("http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port"), null);
    }

    /** The same service with another key ({@code null}: none). */
    public Http withKey(String otherKey) {
        return new Http(base, otherKey);
    }

    public HttpResponse<String> get(String path, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        boolean ownAuthorization = false;
        for (int i = 0; i < all.size(); i += 2) {
            ownAuthorization |= "Authorization".equalsIgnoreCase(all.get(i));
        }
        if (apiKey != null && !ownAuthorization) {
            all.addAll(List.of("Authorization", "Bearer " + apiKey));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
        if (!all.isEmpty()) {
            request.headers(all.toArray(String[]::new));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
