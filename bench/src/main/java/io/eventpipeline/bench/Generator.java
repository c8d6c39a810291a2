package io.eventpipeline.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import com.sun.management.OperatingSystemMXBean;

/**
 * The closed-loop HTTP load of the HTTP stages: wrk where it is installed (its own CPU measured), else the Java
 * generator in this JVM ({@link HttpLoad}; its CPU is this JVM's, which also runs the broker, so not reported).
 */
final class Generator {

    /** What a load phase gave: new events/s, how many events were answered 202 (new + replays), latency, wrk's CPU. */
    record Result(double eventsPerSecond, long newEvents, long answeredEvents, Map<String, Double> percentilesMs, double generatorCores,
            String description) {
    }

    private final URI base;
    private final String apiKey;
    private final Path work;
    private final boolean wrk;
    private final HttpLoad java;

    Generator(URI base, String apiKey, Path work, boolean preferWrk) {
        this.base = base;
        this.apiKey = apiKey;
        this.work = work;
        this.wrk = preferWrk && WrkLoad.available();
        this.java = new HttpLoad(base, apiKey);
    }

    String name() {
        return wrk ? "wrk (C, Lua script), 2 threads" : "Java (Apache HttpClient, virtual threads)";
    }

    HttpLoad java() {
        return java;
    }

    Result closedLoop(int batch, int connections, Duration duration, double repeatShare) throws Exception {
        if (wrk) {
            WrkLoad.Result r = WrkLoad.run(base, apiKey, batch, connections, duration, repeatShare, work);
            return new Result(r.eventsPerSecond(), r.accepted() * batch, (r.accepted() + r.replayed()) * batch, r.percentilesMs(),
                    r.generatorCpuSeconds() / r.seconds(), "wrk: " + r.describe());
        }
        HttpLoad.Result r = java.closedLoop(batch, connections, duration, repeatShare);
        long answered = r.statuses().getOrDefault(202, 0L) * batch;
        return new Result(r.eventsPerSecond(), r.newEvents(), answered, r.percentilesMs(), Double.NaN,
                "java: " + BenchMain.describe(r));
    }

    static double selfCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
