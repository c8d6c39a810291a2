package io.eventpipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Measures a consumer in its own JVM working through a known amount of input: the clock, the process's CPU and
 * the database's CPU run from the first progress it shows until it reaches the target, so its start-up (JVM,
 * Spring, group join, store restore) is excluded alike for every variant.
 */
final class Drain {

    /** What is read while it runs: the units done so far (rows, committed offsets). */
    interface Progress {
        long done() throws Exception;
    }

    /**
     * @param units        the units measured (target minus what was done when the clock started)
     * @param cpuMicros    CPU of the measured process per unit
     * @param dbCpuMicros  PostgreSQL's CPU per unit over the same span (NaN where it does not apply)
     */
    record Result(String name, long units, double seconds, double perSecond, double cpuMicros, double dbCpuMicros) {
    }

    private Drain() {
    }

    static Result measure(String name, ChildJvm jvm, Progress progress, long target, DoubleSupplier dbCpuSeconds,
            Duration timeout) throws Exception {
        return measure(name, List.of(jvm), progress, target, dbCpuSeconds, timeout);
    }

    /** As above for several JVMs sharing the work (instances of one service); their CPU is added. */
    static Result measure(String name, List<ChildJvm> jvms, Progress progress, long target, DoubleSupplier dbCpuSeconds,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long first = progress.done();
        while (first == 0) {
            check(name, jvms, deadline);
            Thread.sleep(20);
            first = progress.done();
        }
        long started = System.nanoTime();
        double cpu = cpuSeconds(jvms);
        double db = dbCpuSeconds.getAsDouble();
        long done = first;
        while (done < target) {
            check(name, jvms, deadline);
            Thread.sleep(50);
            done = progress.done();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long units = done - first;
        double dbMicros = (dbCpuSeconds.getAsDouble() - db) * 1e6 / units;
        return new Result(name, units, seconds, units / seconds, (cpuSeconds(jvms) - cpu) * 1e6 / units, dbMicros);
    }

    static double cpuSeconds(List<ChildJvm> jvms) {
        return jvms.stream().mapToDouble(ChildJvm::cpuSeconds).sum();
    }

    private static void check(String name, List<ChildJvm> jvms, long deadline) {
        for (ChildJvm jvm : jvms) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException(name + " exited; its log: " + jvm.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not finish in time; its log: " + jvm.log());
            }
        }
    }

    static String describe(Result r) {
        return "%s %,.0f/s, cpu %.1f us%s".formatted(r.name(), r.perSecond(), r.cpuMicros(),
                Double.isNaN(r.dbCpuMicros()) ? "" : ", db cpu %.1f us".formatted(r.dbCpuMicros()));
    }

    static Duration timeout(long units) {
        // generous: on a saturated shared machine a JVM start and a rebalance alone took minutes
        return Duration.ofSeconds(600 + units / 200);
    }
}
