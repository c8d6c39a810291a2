package io.eventpipeline.bench.faults;

import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A producer as a careful real client behaves: a request without a 2xx answer (no answer at all, a
 * timeout, 409, 429, 5xx) is sent again with the same Idempotency-Key and body, after {@code Retry-After}
 * or a growing pause, until it gets a 2xx or a definite refusal (another 4xx), or {@code giveUpAfter}.
 */
final class ProducerClient implements AutoCloseable {

    private static final Set<Integer> RETRYABLE = Set.of(408, 409, 425, 429);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(512).setMaxConnPerRoute(512)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2))
                            .setSocketTimeout(Timeout.ofSeconds(15)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(15)).build())
            .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
            .build();
    private final URI base;
    private final String apiKey;
    private final Duration giveUpAfter;

    ProducerClient(URI base, String apiKey, Duration giveUpAfter) {
        this.base = base;
        this.apiKey = apiKey;
        this.giveUpAfter = giveUpAfter;
    }

    /** Sends until answered; records every attempt and the outcome in {@code request}. */
    void send(LoadRequest request) {
        long giveUpAt = System.currentTimeMillis() + giveUpAfter.toMillis();
        for (int attempt = 0; ; attempt++) {
            Answer answer = post(request);
            request.attempted(new LoadRequest.Attempt(System.currentTimeMillis(), answer.status, answer.replayed, answer.error));
            if (answer.status >= 200 && answer.status < 300) {
                request.finish(LoadRequest.Outcome.ACCEPTED, eventIds(answer.body));
                return;
            }
            if (isDefiniteRefusal(answer.status)) {
                request.finish(LoadRequest.Outcome.REFUSED, List.of());
                return;
            }
            if (System.currentTimeMillis() > giveUpAt) {
                request.finish(LoadRequest.Outcome.UNRESOLVED, List.of());
                return;
            }
            LockSupport.parkNanos(pause(answer.retryAfterSeconds, attempt).toNanos());
        }
    }

    static boolean isDefiniteRefusal(int status) {
        return status >= 400 && status < 500 && !RETRYABLE.contains(status);
    }

    private static Duration pause(long retryAfterSeconds, int attempt) {
        Duration wanted = retryAfterSeconds >= 0 ? Duration.ofSeconds(retryAfterSeconds)
                : Duration.ofMillis(100L << Math.min(attempt, 4));
        return wanted.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : wanted;
    }

    private record Answer(int status, boolean replayed, long retryAfterSeconds, String body, String error) {
    }

    private Answer post(LoadRequest request) {
        HttpPost post = new HttpPost(base.resolve(request.batch ? "/v1/events:batch" : "/v1/events"));
        post.setHeader("Authorization", "Bearer " + apiKey);
        post.setHeader("Idempotency-Key", request.key);
        post.setEntity(new StringEntity(request.body, ContentType.APPLICATION_JSON));
        try {
            return http.execute(post, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                Header replayed = response.getFirstHeader("Idempotent-Replayed");
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Answer(response.getCode(), replayed != null && "true".equals(replayed.getValue()),
                        retryAfter == null ? -1 : parseSeconds(retryAfter.getValue()), body, null);
            });
        } catch (IOException e) {
            return new Answer(-1, false, -1, null, e.getClass().getSimpleName());
        }
    }

    private static long parseSeconds(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The event ids of a 202: {@code {"eventId":...}} for one event, {@code {"events":[...]}} for a batch. */
    static List<String> eventIds(String body) {
        JsonNode tree = Json.MAPPER.readTree(body);
        List<String> ids = new ArrayList<>();
        if (tree.has("events")) {
            tree.get("events").forEach(e -> ids.add(e.get("eventId").asString()));
        } else if (tree.has("eventId")) {
            ids.add(tree.get("eventId").asString());
        }
        return ids;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
