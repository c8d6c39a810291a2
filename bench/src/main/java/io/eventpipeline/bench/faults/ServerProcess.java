package io.eventpipeline.bench.faults;

import io.eventpipeline.bench.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kafka, PostgreSQL or Redis as a separate process ({@link ServerMain} in its own JVM), on a fixed port
 * and data directory, so it can be crashed ({@code kill -9} of every process of the server) and started
 * again on the same data.
 */
final class ServerProcess implements AutoCloseable {

    private final String kind;
    private final Path dataDir;
    private final int port;
    private final Path logDir;
    private ChildJvm jvm;

    private ServerProcess(String kind, Path dataDir, int port, Path logDir) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.port = port;
        this.logDir = logDir;
    }

    static ServerProcess start(String kind, Path dataDir, int port, Path logDir) throws InterruptedException {
        ServerProcess server = new ServerProcess(kind, dataDir, port, logDir);
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    /** Starts the server on its data directory and port; waits until it says it is ready. */
    void start() throws InterruptedException {
        List<String> jvmArgs = List.of("-Xms32m", kind.equals("broker") ? "-Xmx384m" : "-Xmx64m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=bench-logback.xml", "-cp", System.getProperty("java.class.path"));
        long logStart = logLength();
        jvm = ChildJvm.start(kind, jvmArgs, List.of(ServerMain.class.getName(), kind, dataDir.toString(),
                String.valueOf(port)), System.getenv(), logDir);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!jvm.output().substring((int) Math.min(logStart, jvm.output().length())).contains(ServerMain.READY)) {
            if (!jvm.isAlive() || Instant.now().isAfter(deadline)) {
                jvm.close();
                throw new IllegalStateException(kind + " did not start; its log: " + jvm.log());
            }
            Thread.sleep(100);
        }
    }

    /**
     * {@code kill -9} of every process of the server at once: the server processes this JVM started
     * (PostgreSQL's postmaster has left its parent, so it is found through its pid file) and the JVM.
     *
     * @return how many processes were killed
     */
    int crash() throws InterruptedException {
        List<ProcessHandle> victims = new ArrayList<>();
        postmaster().ifPresent(p -> {
            victims.add(p);
            victims.addAll(p.descendants().toList());
        });
        ProcessHandle.of(jvm.pid()).ifPresent(j -> victims.addAll(j.descendants().toList()));
        victims.forEach(ProcessHandle::destroyForcibly);
        jvm.kill();
        for (ProcessHandle victim : victims) {
            victim.onExit().join();
        }
        return victims.size() + 1;
    }

    /**
     * SIGSTOP ({@code freeze = true}) or SIGCONT to the server processes this JVM started (redis-server): a
     * stall, as a fork or a slow disk would cause, without losing a connection.
     */
    void freeze(boolean freeze) throws IOException, InterruptedException {
        for (ProcessHandle p : ProcessHandle.of(jvm.pid()).map(j -> j.descendants().toList()).orElse(List.of())) {
            new ProcessBuilder("kill", freeze ? "-STOP" : "-CONT", Long.toString(p.pid())).inheritIO().start().waitFor();
        }
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private long logLength() {
        try {
            return Files.size(logDir.resolve(kind + ".log"));
        } catch (IOException e) {
            return 0;
        }
    }

    /** SIGTERM: the server shuts down cleanly (the JVM's shutdown hook stops PostgreSQL and Redis). */
    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
