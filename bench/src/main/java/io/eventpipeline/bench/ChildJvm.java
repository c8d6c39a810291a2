package io.eventpipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a separate process (a service, the all-in-one, or a Kafka tool), so its memory can
 * be read from /proc and it competes for the CPU like it would in production.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(String name, List<String> jvmArgs, List<String> mainAndArgs, Map<String, String> env, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(mainAndArgs);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log"); // appended: a restarted process keeps its predecessor's log
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    int waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            throw new IllegalStateException(name + " did not finish in " + timeout + " " + unit);
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** CPU time (user + system) the process has used so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Peak resident set of the JVM process (VmHWM), in MiB. */
    double peakRssMib() {
        return Memory.peakRssMib(process.pid());
    }

    /** Peak resident set of this JVM plus the current resident set of every process it started. */
    double treeRssMib() {
        return Memory.peakRssMib(process.pid())
                + process.descendants().mapToDouble(p -> Memory.currentRssMib(p.pid())).sum();
    }

    /**
     * SIGKILL ({@code kill -9}) to the JVM alone, as a crash would: nothing runs on the way out, and the
     * processes it started are left as they are. Waits until the process is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Ctrl-C or an orchestrator would; then waits for a clean exit. */
    @Override
    public void close() {
        terminate();
    }

    /**
     * SIGTERM, then waits up to a minute for the JVM to exit (then kills it).
     *
     * @return how many of the processes it had started were still alive after it exited: a clean
     *         shutdown leaves none; any found are killed
     */
    long terminate() {
        if (!process.isAlive()) {
            return 0;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        List<ProcessHandle> leftovers = children.stream().filter(ProcessHandle::isAlive).toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        return leftovers.size();
    }
}
