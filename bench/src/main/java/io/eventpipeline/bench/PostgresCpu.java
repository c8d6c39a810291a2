package io.eventpipeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU used by the benchmark's own PostgreSQL (its postmaster is found by the data directory on its command
 * line): the postmaster, its live backends, and the backends that already ended (the kernel adds a reaped
 * child's time to its parent's {@code cutime}/{@code cstime}). Other PostgreSQL servers on the machine are
 * not counted. Linux only; NaN elsewhere.
 */
final class PostgresCpu {

    private static final double TICKS_PER_SECOND = 100.0;
    private final long postmaster;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server whose command line names a path under {@code dataRoot}; a NaN reader when none is found. */
    static PostgresCpu find(Path dataRoot) {
        String root = dataRoot.toAbsolutePath().toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> isPostmaster(cmdline(p), root))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst().map(PostgresCpu::new).orElse(new PostgresCpu(-1));
        } catch (IOException e) {
            return new PostgresCpu(-1);
        }
    }

    /** Seconds of CPU (user + system) the server has used so far. */
    double seconds() {
        if (postmaster < 0) {
            return Double.NaN;
        }
        long[] own = stat(Path.of("/proc", String.valueOf(postmaster)));
        long ticks = own[0] + own[1] + own[2] + own[3];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            ticks += procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        long[] s = stat(p);
                        return s[4] == postmaster ? s[0] + s[1] : 0;
                    }).sum();
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** utime, stime, cutime, cstime, ppid; zeros when the process is gone. */
    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return new long[5];
        }
    }

    /** The postmaster runs the binary by its path with {@code -D <data dir>}; backends renamed themselves. */
    private static boolean isPostmaster(String cmdline, String root) {
        return cmdline.startsWith("/") && cmdline.contains("bin/postgres ") && cmdline.contains(root);
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
