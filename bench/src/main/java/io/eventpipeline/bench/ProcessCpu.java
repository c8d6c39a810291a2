package io.eventpipeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU of a process tree from /proc (Linux): each live process's own time plus its reaped children's. */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Seconds of CPU used so far by {@code pid} and all its live descendants (and the children they reaped). */
    static double treeSeconds(long pid) {
        return ProcessHandle.of(pid).map(root -> (ticks(root.pid())
                + root.descendants().mapToLong(p -> ticks(p.pid())).sum()) / TICKS_PER_SECOND).orElse(Double.NaN);
    }

    /** utime + stime + cutime + cstime of one process; 0 when it is gone. */
    static long ticks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
