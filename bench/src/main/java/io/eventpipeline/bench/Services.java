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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The three services as separate JVMs from their executable jars, as they run in production. The fault
 * matrix kills one with {@link #kill} and starts it again on the same port with {@link #restart}.
 */
public final class Services implements AutoCloseable {

    public static final List<String> NAMES = List.of("projection-writer", "stream-processor", "ingest-api");

    private final Map<String, ChildJvm> jvms;
    private final Map<String, Integer> ports;
    private final Path repo;
    private final Map<String, String> env;
    private final List<String> jvmArgs;
    private final Path workDir;
    private final IntSupplier freePorts;

    private Services(Map<String, ChildJvm> jvms, Map<String, Integer> ports, Path repo, Map<String, String> env,
            List<String> jvmArgs, Path workDir, IntSupplier freePorts) {
        this.jvms = jvms;
        this.ports = ports;
        this.repo = repo;
        this.env = Map.copyOf(env);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.workDir = workDir;
        this.freePorts = freePorts;
    }

    /** Starts the named services (in {@link #NAMES} order) and waits until each is healthy. */
    static Services start(Path repo, Map<String, String> env, List<String> jvmArgs, Path workDir, List<String> names)
            throws InterruptedException {
        return start(repo, env, jvmArgs, workDir, names, Services::freePort);
    }

    /** As above, with ports from {@code freePorts} (e.g. a range outside the ephemeral one, so a restart gets its port back). */
    public static Services start(Path repo, Map<String, String> env, List<String> jvmArgs, Path workDir, List<String> names,
            IntSupplier freePorts) throws InterruptedException {
        Services services = new Services(new LinkedHashMap<>(), new LinkedHashMap<>(), repo, env, jvmArgs, workDir, freePorts);
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
            int port = freePorts.getAsInt();
            ChildJvm jvm = launch(name, jar, port);
            try {
                awaitHealthy(jvm, port, Duration.ofMinutes(5));
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

    private ChildJvm launch(String name, Path jar, int port) {
        Map<String, String> own = new LinkedHashMap<>(env);
        own.put("HTTP_PORT", String.valueOf(port));
        own.put("MANAGEMENT_PORT", String.valueOf(port)); // actuator on the same port, where the health wait looks
        own.put("STREAMS_STATE_DIR", workDir.resolve("streams-state").toString());
        return ChildJvm.start(name, jvmArgs, List.of("-jar", jar.toString()), own, workDir);
    }

    /** {@code kill -9} of one service: no shutdown hook runs, nothing is flushed or committed on the way out. */
    public void kill(String name) throws InterruptedException {
        jvms.get(name).kill();
    }

    /** Starts a service again (after {@link #kill}) with the same environment and port; waits until it is healthy. */
    public void restart(String name) throws InterruptedException {
        ChildJvm old = jvms.get(name);
        if (old.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        Path jar = repo.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
        ChildJvm jvm = launch(name, jar, ports.get(name));
        jvms.put(name, jvm);
        awaitHealthy(jvm, ports.get(name), Duration.ofMinutes(5));
    }

    public ChildJvm jvm(String name) {
        return jvms.get(name);
    }

    public int port(String name) {
        return ports.get(name);
    }

    private static int freePort() {
        return BenchMain.freePort();
    }

    public URI ingest() {
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
        NAMES.reversed().stream().map(jvms::remove).filter(Objects::nonNull).forEach(ChildJvm::close);
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
