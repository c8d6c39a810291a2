package io.eventpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three services as separate JVMs from their executable jars, as they run in production. */
final class Services implements AutoCloseable {

    static final List<String> NAMES = List.of("projection-writer", "stream-processor", "ingest-api");

    private final Map<String, ChildJvm> jvms;
    private final Map<String, Integer> ports;

    private Services(Map<String, ChildJvm> jvms, Map<String, Integer> ports) {
        this.jvms = jvms;
        this.ports = ports;
    }

    static Services start(Path repo, Map<String, String> env, Map<String, Integer> ports, List<String> jvmArgs,
            Path workDir) throws InterruptedException {
        Map<String, ChildJvm> started = new LinkedHashMap<>();
        try {
            for (String name : NAMES) {
                Path jar = repo.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException("missing " + jar + ": build first (./mvnw install -DskipTests)");
                }
                Map<String, String> own = new LinkedHashMap<>(env);
                own.put("HTTP_PORT", String.valueOf(ports.get(name)));
                own.put("STREAMS_STATE_DIR", workDir.resolve("streams-state").toString());
                ChildJvm jvm = ChildJvm.start(name, jvmArgs, List.of("-jar", jar.toString()), own, workDir);
                started.put(name, jvm);
                awaitHealthy(jvm, ports.get(name), Duration.ofMinutes(2));
            }
            return new Services(started, ports);
        } catch (RuntimeException | InterruptedException e) {
            new ArrayList<>(started.values()).reversed().forEach(ChildJvm::close);
            throw e;
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

    @Override
    public void close() {
        // Stop ingest first, then the processor, then the writer: nothing in flight is lost.
        new ArrayList<>(jvms.values()).reversed().forEach(ChildJvm::close);
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
