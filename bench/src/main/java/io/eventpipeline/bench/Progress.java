package io.eventpipeline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One line per step, with the elapsed time of the whole run, so a watcher knows where it is. */
final class Progress {

    private final Instant started = Instant.now();
    private final int steps;
    private int step;

    Progress(int steps) {
        this.steps = steps;
    }

    void begin(String what) {
        step++;
        print("[%d/%d] %s".formatted(step, steps, what));
    }

    void note(String what) {
        print("       " + what);
    }

    private void print(String line) {
        Duration elapsed = Duration.between(started, Instant.now());
        System.out.printf(Locale.ROOT, "%02d:%02d %s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), line);
        System.out.flush();
    }
}
