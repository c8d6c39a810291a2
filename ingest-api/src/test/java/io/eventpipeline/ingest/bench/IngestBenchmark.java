package io.eventpipeline.ingest.bench;

import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.servers.Infrastructure;
import io.eventpipeline.servers.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Events/s through the ingest-api next to Kafka's own ProducerPerformance against the same broker in the
 * same run (512-byte JSON records, acks=all, idempotent, lz4): single POSTs (keep-alive, concurrent
 * virtual-thread clients), batch POSTs of 100 events, and single POSTs paced at half the measured single
 * rate for latency. Not a test: run {@link #main} or call {@link #run} and read the printed numbers.
 *
 * <p>{@code -Dbench.seconds=15 -Dbench.concurrency=64 -Dbench.batchConcurrency=8 -Dbench.records=500000}
 */
public final class IngestBenchmark {

    /** Latency percentiles in milliseconds. */
    public record Latency(double p50, double p95, double p99) {
        static Latency of(long[] nanos, int count) {
            if (count == 0) {
                return new Latency(Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return new Latency(pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99));
        }

        private static double pct(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", p50, p95, p99);
        }
    }

    /** One load phase: events per second, requests that failed, and request latency. */
    public record Phase(double eventsPerSecond, long events, long failures, Latency latency) {
    }

    public record Options(int seconds, int concurrency, int batchConcurrency, int batchSize, int rawRecords) {
        public static Options fromSystemProperties() {
            return new Options(Integer.getInteger("bench.seconds", 15), Integer.getInteger("bench.concurrency", 64),
                    Integer.getInteger("bench.batchConcurrency", 8), Integer.getInteger("bench.batchSize", 100),
                    Integer.getInteger("bench.records", 500_000));
        }
    }

    public record Result(double rawProducerPerSecond, Latency rawProducerLatency, Phase single, Phase batch,
            double halfLoadTargetPerSecond, Phase halfLoad) {

        public double batchRatio() {
            return batch.eventsPerSecond() / rawProducerPerSecond;
        }

        public double singleRatio() {
            return single.eventsPerSecond() / rawProducerPerSecond;
        }

        public String report() {
            return String.join("\n",
                    String.format(Locale.ROOT, "raw ProducerPerformance : %,10.0f records/s  (%s)", rawProducerPerSecond, rawProducerLatency),
                    String.format(Locale.ROOT, "POST /v1/events         : %,10.0f events/s   (%s, failures %d)  = %.2fx raw (target >= 0.25)",
                            single.eventsPerSecond(), single.latency(), single.failures(), singleRatio()),
                    String.format(Locale.ROOT, "POST /v1/events:batch   : %,10.0f events/s   (per request %s, failures %d)  = %.2fx raw (target >= 0.60)",
                            batch.eventsPerSecond(), batch.latency(), batch.failures(), batchRatio()),
                    String.format(Locale.ROOT, "single at half load     : %,10.0f events/s of %,.0f target (%s, failures %d; target p99 <= 50 ms)",
                            halfLoad.eventsPerSecond(), halfLoadTargetPerSecond, halfLoad.latency(), halfLoad.failures()));
        }
    }

    private static final String PAYLOAD_PAD;

    static {
        // Pads the event so the envelope on events.raw is about 512 bytes, like the raw producer's records.
        PAYLOAD_PAD = "x".repeat(200);
    }

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Result result = run(Options.fromSystemProperties());
        System.out.println();
        System.out.println(result.report());
        System.exit(0);
    }

    public static Result run(Options options) throws Exception {
        Infrastructure infra = TestServers.shared();
        Result result;
        try (IngestApp app = IngestApp.start("bench", Map.of("RATE_LIMIT_PER_SECOND", "10000000", "RATE_LIMIT_BURST", "10000000",
                "SLOW_REQUEST_THRESHOLD", "10s"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            load(app, http, "/v1/events", 1, options.concurrency(), 3, 0);
            load(app, http, "/v1/events:batch", options.batchSize(), options.batchConcurrency(), 3, 0);
            // The raw producer runs before and after the HTTP phases; its mean is the baseline, so a machine
            // whose load drifts during the run does not favour either side.
            double[] before = rawProducer(infra.kafkaBootstrapServers(), options.rawRecords());
            Phase single = load(app, http, "/v1/events", 1, options.concurrency(), options.seconds(), 0);
            Phase batch = load(app, http, "/v1/events:batch", options.batchSize(), options.batchConcurrency(), options.seconds(), 0);
            printServerTimers(app);
            double half = single.eventsPerSecond() / 2;
            Phase halfLoad = load(app, http, "/v1/events", 1, options.concurrency(), options.seconds(), half);
            double[] after = rawProducer(infra.kafkaBootstrapServers(), options.rawRecords());
            result = new Result((before[0] + after[0]) / 2, new Latency((before[1] + after[1]) / 2, (before[2] + after[2]) / 2,
                    (before[3] + after[3]) / 2), single, batch, half, halfLoad);
        }
        return result;
    }

    /** Where the server spends a request's time: whole request, Kafka acknowledgement, Redis commands. */
    static void printServerTimers(IngestApp app) {
        MeterRegistry meters = app.bean(MeterRegistry.class);
        for (String name : List.of("ingest.requests", "ingest.kafka.send", "ingest.redis.command")) {
            for (Timer timer : meters.find(name).timers()) {
                if (timer.getId().getTag("status") != null && !"202".equals(timer.getId().getTag("status"))) {
                    continue;
                }
                String percentiles = Arrays.stream(timer.takeSnapshot().percentileValues())
                        .map(v -> String.format(Locale.ROOT, "p%.0f %.1f ms", v.percentile() * 100, v.value(TimeUnit.MILLISECONDS)))
                        .collect(Collectors.joining(", "));
                System.out.printf(Locale.ROOT, "server %-22s %-14s count %,8d mean %6.1f ms  %s%n", name,
                        timer.getId().getTag("route") == null ? "" : timer.getId().getTag("route"), timer.count(),
                        timer.mean(TimeUnit.MILLISECONDS), percentiles);
            }
        }
    }

    /** Kafka's ProducerPerformance with 512-byte JSON records; returns records/s, p50, p95, p99. */
    static double[] rawProducer(String bootstrap, int records) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8) + ".";
        TopicProvisioner.ensureTopics(bootstrap, topic, 6, (short) 1);
        Path payloads = Files.createTempFile("payloads", ".jsonl");
        Files.write(payloads, IntStream.range(0, 1000).mapToObj(IngestBenchmark::jsonRecord512).toList(), StandardCharsets.UTF_8);
        String[] args = {
            "--topic", topic + "events.raw", "--num-records", Integer.toString(records), "--throughput", "-1",
            "--payload-file", payloads.toString(),
            "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "compression.type=lz4",
            "linger.ms=5", "batch.size=131072"
        };
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            org.apache.kafka.tools.ProducerPerformance.main(args);
        } finally {
            System.setOut(original);
            Files.deleteIfExists(payloads);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec .*?, ([\\d.]+) ms 50th, ([\\d.]+) ms 95th, ([\\d.]+) ms 99th")
                .matcher(output);
        String last = null;
        double[] parsed = null;
        while (m.find()) {
            last = m.group();
            parsed = new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))};
        }
        if (parsed == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary:\n" + output);
        }
        original.println("ProducerPerformance: " + last);
        return parsed;
    }

    static String jsonRecord512(int i) {
        String head = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"aggregateType\":\"order\",\"aggregateId\":\"o-" + i
                + "\",\"eventType\":\"order.placed\",\"payload\":{\"pad\":\"";
        String tail = "\"}}";
        return head + "x".repeat(512 - head.length() - tail.length()) + tail;
    }

    private static String eventBody(int i) {
        return "{\"aggregateType\":\"order\",\"aggregateId\":\"o-" + (i % 10_000) + "\",\"eventType\":\"order.placed\","
                + "\"payload\":{\"amount\":" + i + ",\"pad\":\"" + PAYLOAD_PAD + "\"}}";
    }

    /**
     * Closed-loop load with {@code concurrency} clients for {@code seconds}; with {@code targetPerSecond > 0}
     * each client is paced and latency is measured from the intended send time (no coordinated omission).
     */
    static Phase load(IngestApp app, HttpClient http, String path, int eventsPerRequest, int concurrency, int seconds,
            double targetPerSecond) throws Exception {
        URI uri = app.uri(path);
        String auth = "Bearer " + app.apiKey();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[concurrency];
        // Bodies are prepared up front, like ProducerPerformance's payload file; every request still has its
        // own Idempotency-Key, so every event gets its own id and record.
        List<String> bodies = IntStream.range(0, 256).mapToObj(b -> eventsPerRequest == 1 ? eventBody(b)
                : IntStream.range(0, eventsPerRequest).mapToObj(i -> eventBody(b * eventsPerRequest + i))
                        .collect(Collectors.joining(",", "[", "]"))).toList();
        long intervalNanos = targetPerSecond > 0 ? (long) (1e9 * concurrency / targetPerSecond) : 0;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                long[] mine = new long[2_000_000 / concurrency + 1000];
                latencies.add(mine);
                int worker = w;
                pool.submit(() -> {
                    long next = System.nanoTime() + (intervalNanos > 0 ? intervalNanos * worker / concurrency : 0);
                    while (System.nanoTime() < end) {
                        if (intervalNanos > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        long sent = intervalNanos > 0 ? next : System.nanoTime();
                        long n = counter.getAndIncrement();
                        String body = bodies.get((int) (n % bodies.size()));
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Authorization", auth)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "bench-" + n + "-" + worker + "-" + start)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 202) {
                                events.addAndGet(eventsPerRequest);
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        }
                        if (counts[worker] < mine.length) {
                            mine[counts[worker]++] = System.nanoTime() - sent;
                        }
                        next += intervalNanos;
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies.get(w), 0, all, offset, counts[w]);
            offset += counts[w];
        }
        return new Phase(events.get() / elapsed, events.get(), failures.get(), Latency.of(all, total));
    }
}
