package io.eventpipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three services as separate JVMs from their executable jars, as they run in production. */
final class Services implements AutoCloseable {

    static final List<String> NAMES = List.of("projection-writer", "stream-processor", "ingest-api");

    private final Map<String, ChildJvm> jvms;
    private final Map<String, Integer> ports;
    private final Path repo;
    private final Map<String, String> env;
    private final List<String> jvmArgs;
    private final Path workDir;

    private Services(Map<String, ChildJvm> jvms, Map<String, Integer> ports, Path repo, Map<String, String> env,
            List<String> jvmArgs, Path workDir) {
        this.jvms = jvms;
        this.ports = ports;
        this.repo = repo;
        this.env = Map.copyOf(env);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.workDir = workDir;
    }

    /** Starts the named services (in {@link #NAMES} order) and waits until each is healthy. */
    static Services start(Path repo, Map<String, String> env, List<String> jvmArgs, Path workDir, List<String> names)
            throws InterruptedException {
        Services services = new Services(new LinkedHashMap<>(), new LinkedHashMap<>(), repo, env, jvmArgs, workDir);
        services.startAlso(names);
        return services;
    }

    private void startAlso(List<String> names) throws InterruptedException {
        try {
            for (String name : NAMES) {
                if (names.contains(name) && !jvms.containsKey(name)) {
                    jvms.put(name, startOne(name));
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts one service on a port picked just before its JVM starts; a port some other socket took in the
     * meantime (an ephemeral client port, seen once in a run) is retried on a new port.
     */
    private ChildJvm startOne(String name) throws InterruptedException {
        Path jar = repo.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build first (./mvnw install -DskipTests)");
        }
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Map<String, String> own = new LinkedHashMap<>(env);
            own.put("HTTP_PORT", String.valueOf(port));
            own.put("MANAGEMENT_PORT", String.valueOf(port)); // actuator on the same port, where the health wait looks
            own.put("STREAMS_STATE_DIR", workDir.resolve("streams-state").toString());
            ChildJvm jvm = ChildJvm.start(name, jvmArgs, List.of("-jar", jar.toString()), own, workDir);
            try {
                awaitHealthy(jvm, port, Duration.ofMinutes(2));
                ports.put(name, port);
                return jvm;
            } catch (RuntimeException | InterruptedException e) {
                jvm.close();
                if (attempt >= 3 || !(e instanceof IllegalStateException) || !jvm.output().contains("already in use")) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() {
        try {
            return BenchMain.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    URI ingest() {
        return URI.create("http://127.0.0.1:" + ports.get("ingest-api"));
    }

    Map<String, Double> peakRssMib() {
        Map<String, Double> rss = new LinkedHashMap<>();
        jvms.forEach((name, jvm) -> rss.put(name, jvm.peakRssMib()));
        return rss;
    }

    /** CPU seconds (user + system) each service has used so far. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        jvms.forEach((name, jvm) -> cpu.put(name, jvm.cpuSeconds()));
        return cpu;
    }

    @Override
    public void close() {
        // Stop ingest first, then the processor, then the writer: nothing in flight is lost.
        NAMES.reversed().stream().map(jvms::remove).filter(java.util.Objects::nonNull).forEach(ChildJvm::close);
    }

    static void awaitHealthy(ChildJvm jvm, int port, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException(jvm.name() + " exited; its log: " + jvm.log() + "\n" + tail(jvm.output()));
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(jvm.name() + " not healthy after " + timeout + "; log: " + jvm.log());
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
