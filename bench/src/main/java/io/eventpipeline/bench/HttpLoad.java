package io.eventpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * HTTP load on the ingest-api over keep-alive connections: closed loop (N workers back to back, for
 * throughput) or open loop (a fixed request rate, latency measured from the intended send time so a
 * stall is not hidden). A fraction of requests repeat an earlier Idempotency-Key with the same body,
 * as retrying producers do; only new events count toward events/s.
 */
final class HttpLoad {

    /** Called for each accepted new request: the aggregate ids it carried and when the 202 arrived. */
    interface AcceptListener {
        void accepted(List<String> aggregateIds, long acceptedNanos);
    }

    record Result(long requests, long newEvents, long replays, double seconds, Histogram latencyMicros,
            Map<Integer, Long> statuses) {

        double eventsPerSecond() {
            return newEvents / seconds;
        }

        Map<String, Double> percentilesMs() {
            return Percentiles.ofMicros(latencyMicros);
        }
    }

    private record Sent(String key, String body, List<String> aggregates) {
    }

    private final CloseableHttpClient client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(30)).build())
                    .build())
            .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
            .build();
    private static final int MAX_CONNECTIONS = 1024;
    private final URI base;
    private final String apiKey;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    HttpLoad(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    Result closedLoop(int batchSize, int concurrency, Duration duration, double repeatFraction) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Counters counters = new Counters();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    Sent previous = null;
                    while (System.nanoTime() < deadline) {
                        boolean repeat = previous != null && ThreadLocalRandom.current().nextDouble() < repeatFraction;
                        Sent sent = repeat ? previous : next(batchSize);
                        long t0 = System.nanoTime();
                        int status = send(sent, batchSize);
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        counters.count(status, repeat, batchSize);
                        previous = sent;
                    }
                    return null;
                });
            }
        }
        return counters.result(recorder.getIntervalHistogram(), (System.nanoTime() - started) / 1e9);
    }

    Result openLoop(int batchSize, double requestsPerSecond, Duration duration, double repeatFraction,
            AcceptListener listener) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Counters counters = new Counters();
        long intervalNanos = (long) (1e9 / requestsPerSecond);
        long total = (long) (duration.toNanos() / intervalNanos);
        long started = System.nanoTime();
        List<Sent> recent = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long intended = started + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean repeat = !recent.isEmpty() && ThreadLocalRandom.current().nextDouble() < repeatFraction;
                Sent sent = repeat ? recent.get(ThreadLocalRandom.current().nextInt(recent.size())) : next(batchSize);
                if (!repeat) {
                    recent.add(sent);
                    if (recent.size() > 100) {
                        recent.removeFirst();
                    }
                }
                senders.submit(() -> {
                    int status = send(sent, batchSize);
                    long now = System.nanoTime();
                    recorder.recordValue(Math.max(1, (now - intended) / 1000));
                    counters.count(status, repeat, batchSize);
                    if (status == 202 && !repeat && listener != null) {
                        listener.accepted(sent.aggregates(), now);
                    }
                    return null;
                });
            }
        }
        return counters.result(recorder.getIntervalHistogram(), (System.nanoTime() - started) / 1e9);
    }

    private Sent next(int batchSize) {
        long n = sequence.getAndAdd(batchSize);
        String prefix = "o-" + runId + "-";
        List<String> aggregates = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            aggregates.add(prefix + (n + i));
        }
        String body = batchSize == 1 ? EventBodies.event(aggregates.getFirst(), (int) n)
                : EventBodies.batch(prefix, (int) n, batchSize);
        return new Sent("bench-" + runId + "-" + n, body, aggregates);
    }

    private int send(Sent sent, int batchSize) {
        HttpPost post = new HttpPost(base.resolve(batchSize == 1 ? "/v1/events" : "/v1/events:batch"));
        post.setHeader("Authorization", "Bearer " + apiKey);
        post.setHeader("Idempotency-Key", sent.key());
        post.setEntity(new StringEntity(sent.body(), ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            return -1;
        }
    }

    private static final class Counters {
        private final LongAdder requests = new LongAdder();
        private final LongAdder newEvents = new LongAdder();
        private final LongAdder replays = new LongAdder();
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

        void count(int status, boolean repeat, int batchSize) {
            requests.increment();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status == 202) {
                if (repeat) {
                    replays.increment();
                } else {
                    newEvents.add(batchSize);
                }
            }
        }

        Result result(Histogram latency, double seconds) {
            Map<Integer, Long> byStatus = new LinkedHashMap<>();
            statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byStatus.put(e.getKey(), (long) e.getValue().get()));
            return new Result(requests.sum(), newEvents.sum(), replays.sum(), seconds, latency, byStatus);
        }
    }
}
