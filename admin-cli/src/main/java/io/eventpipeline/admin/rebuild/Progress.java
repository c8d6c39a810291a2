package io.eventpipeline.admin.rebuild;

import io.eventpipeline.admin.config.Console;
import io.eventpipeline.admin.config.Units;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress of one read pass on stderr, at most once a second and when it ends: events read per
 * partition against its total, the overall rate and the time left at that rate.
 */
final class Progress {

    private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Console console;
    private final String phase;
    private final String topic;
    private final Map<Integer, Long> totals;
    private final Map<Integer, Long> read = new TreeMap<>();
    private final long started = System.nanoTime();
    private long printed = started;

    Progress(Console console, String phase, String topic, Map<Integer, Long> totals) {
        this.console = console;
        this.phase = phase;
        this.topic = topic;
        this.totals = new TreeMap<>(totals);
        totals.keySet().forEach(p -> read.put(p, 0L));
    }

    void advance(int partition, long events) {
        read.merge(partition, events, Long::sum);
        if (System.nanoTime() - printed >= EVERY_NANOS) {
            print();
        }
    }

    long done() {
        return read.values().stream().mapToLong(Long::longValue).sum();
    }

    double rate() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return done() / seconds;
    }

    void finish() {
        print();
    }

    private void print() {
        printed = System.nanoTime();
        long total = totals.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("rebuild ").append(phase).append(':');
        read.forEach((p, n) -> line.append(' ').append(topic).append('-').append(p).append(' ')
                .append(Units.count(n)).append('/').append(Units.count(totals.getOrDefault(p, 0L))));
        double rate = rate();
        long left = Math.max(0, total - done());
        line.append(String.format(Locale.ROOT, " | %s/%s events, %s events/s, ETA %s", Units.count(done()),
                Units.count(total), Units.count(Math.round(rate)), eta(left, rate)));
        console.progress(line.toString());
    }

    private static String eta(long left, double rate) {
        if (left == 0) {
            return "0s";
        }
        return rate < 1 ? "unknown" : Units.duration(Duration.ofSeconds(Math.max(1, Math.round(left / rate))));
    }
}
