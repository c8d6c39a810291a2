package io.eventpipeline.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Steady HTTP load of one producer over a fixed pool of aggregates (so every aggregate gets many
 * versions): single POSTs and batches of five, a few with a deliberately wrong {@code expectedVersion}.
 * {@code workers} virtual threads share one schedule of {@code requestsPerSecond}; a worker whose request
 * is being retried simply does not take new slots. {@link #burst} drops the pacing for a while, so every
 * worker has a request in flight (the ingest-api kill needs many requests inside the server at once).
 * Every request is tagged with the phase it started in and kept for the checker.
 */
final class SteadyLoad implements AutoCloseable {

    static final String AGGREGATE_TYPE = "order";
    private static final int BATCH_SIZE = 5;

    private final ProducerClient client;
    private final Queue<LoadRequest> requests = new ConcurrentLinkedQueue<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final long intervalNanos;
    private final int aggregates;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile String phase = "warm-up";
    private volatile boolean running = true;
    private volatile long burstUntil;

    SteadyLoad(ProducerClient client, double requestsPerSecond, int aggregates) {
        this.client = client;
        this.intervalNanos = (long) (1e9 / requestsPerSecond);
        this.aggregates = aggregates;
    }

    void start(int workerCount) {
        for (int i = 0; i < workerCount; i++) {
            workers.submit(this::work);
        }
    }

    void phase(String name) {
        phase = name;
    }

    String phase() {
        return phase;
    }

    void burst(Duration duration) {
        burstUntil = System.nanoTime() + duration.toNanos();
    }

    /** Sends one request outside the schedule (canaries, poison records) and tracks it like the others. */
    LoadRequest sendNow(LoadRequest.Kind kind, boolean batch, String body, List<String> aggregateIds) {
        LoadRequest request = new LoadRequest(nextKey(), phase, kind, batch, body, aggregateIds);
        requests.add(request);
        workers.submit(() -> client.send(request));
        return request;
    }

    List<LoadRequest> requests() {
        return List.copyOf(requests);
    }

    /** Stops starting requests; requests being retried go on until answered (or given up). */
    void stopAndAwait(Duration timeout) throws InterruptedException {
        running = false;
        workers.shutdown();
        workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void work() {
        while (running) {
            awaitSlot();
            if (!running) {
                return;
            }
            LoadRequest request = next();
            requests.add(request);
            client.send(request);
        }
    }

    private void awaitSlot() {
        if (System.nanoTime() < burstUntil) {
            return;
        }
        long now = System.nanoTime();
        // A slot far in the past (workers were busy retrying) is not made up for with a burst.
        long slot = nextSlot.getAndUpdate(s -> Math.max(s, now - intervalNanos * 10) + intervalNanos);
        long wait = slot - now;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private LoadRequest next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double dice = random.nextDouble();
        if (dice < 0.02) {
            String aggregate = randomAggregate();
            return new LoadRequest(nextKey(), phase, LoadRequest.Kind.CONFLICT, false,
                    event(aggregate, ",\"expectedVersion\":1000000000"), List.of(aggregate));
        }
        if (dice < 0.27) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH_SIZE; i++) {
                String aggregate = randomAggregate();
                ids.add(aggregate);
                body.append(i == 0 ? "" : ",").append(event(aggregate, ""));
            }
            return new LoadRequest(nextKey(), phase, LoadRequest.Kind.NORMAL, true, body.append(']').toString(), ids);
        }
        String aggregate = randomAggregate();
        return new LoadRequest(nextKey(), phase, LoadRequest.Kind.NORMAL, false, event(aggregate, ""), List.of(aggregate));
    }

    private String randomAggregate() {
        return "fa-" + runId + "-" + ThreadLocalRandom.current().nextInt(aggregates);
    }

    private String nextKey() {
        return "faults-" + runId + "-" + sequence.incrementAndGet();
    }

    static String event(String aggregateId, String extra) {
        long n = ThreadLocalRandom.current().nextLong(1_000_000);
        return """
                {"aggregateType":"%s","aggregateId":"%s","eventType":"order.updated","payload":{"n":%d,"total":%d.25,"note":"steady load"},"metadata":{"source":"faults"}%s}"""
                .formatted(AGGREGATE_TYPE, aggregateId, n, n % 1000, extra);
    }

    @Override
    public void close() {
        running = false;
        workers.shutdownNow();
    }
}
