package io.eventpipeline.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Debian's {@code prometheus-redis-exporter} (compose runs the same exporter) in front of a Redis, so
 * tests can see the real {@code redis_*} metric names the alert rules and dashboards query.
 * {@code REDIS_EXPORTER_BIN} names another binary.
 */
public final class RedisExporterProcess implements AutoCloseable {

    private static final List<String> DEFAULT_BINARIES = List.of("/usr/bin/prometheus-redis-exporter",
            "/usr/local/bin/redis_exporter");

    private final Process process;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisExporterProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the exporter for the Redis at {@code redisHostPort} ({@code 127.0.0.1:6379}), ready to scrape. */
    public static RedisExporterProcess start(String redisHostPort) {
        int chosen = FreePorts.orFree(0);
        try {
            Process process = new ProcessBuilder(binary(), "-redis.addr", "redis://" + redisHostPort,
                    "-web.listen-address", "127.0.0.1:" + chosen)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RedisExporterProcess exporter = new RedisExporterProcess(process, chosen);
            exporter.awaitReady();
            return exporter;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Redis exporter", e);
        }
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    /** One scrape of the exporter. */
    public String scrape() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(metricsUrl())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape " + metricsUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + metricsUrl(), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (scrape().contains("redis_up 1")) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("the Redis exporter did not report redis_up 1 within 20s", last);
    }

    private static String binary() {
        String configured = System.getenv("REDIS_EXPORTER_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return DEFAULT_BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Redis exporter in " + DEFAULT_BINARIES
                        + ": install it (apt-get install prometheus-redis-exporter) or set REDIS_EXPORTER_BIN"));
    }
}
