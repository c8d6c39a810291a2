package io.eventpipeline.bench.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code ./faults}: the fault matrix under load. Prints a progress line per step, then the table, and
 * writes {@code fault-results/results.md} and {@code fault-results/requests.log}. Exits 1 when an
 * invariant was broken.
 */
public final class FaultsMain {

    private FaultsMain() {
    }

    public static void main(String[] args) throws Exception {
        FaultOptions options = FaultOptions.parse(args);
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(repo.resolve("target").resolve("faults-" + System.currentTimeMillis()));
        Instant started = Instant.now();
        FaultMatrix.Run run = new FaultMatrix(options, line -> print(started, line)).run(repo, work);
        String context = String.format(Locale.ROOT, "Run of %s on %d cores (everything co-located), %.0f requests/s "
                + "(a quarter of them batches of 5) from %d retrying producer workers, a canary every 500 ms; "
                + "whole run %d s. Logs of the servers and services: `%s`.", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), options.requestsPerSecond(), options.workers(),
                Duration.between(started, Instant.now()).toSeconds(), repo.relativize(work));
        String markdown = FaultReport.markdown(run.phases(), context);
        FaultReport.write(options.out(), markdown, run.requests());
        System.out.println();
        System.out.println(markdown);
        System.out.println("written: " + options.out().resolve("results.md") + ", " + options.out().resolve("requests.log"));
        if (run.phases().values().stream().anyMatch(p -> !p.holds() || (p.accepted > 0 && p.recoveryMillis == null))) {
            System.exit(1);
        }
    }

    private static void print(Instant started, String line) {
        Duration elapsed = Duration.between(started, Instant.now());
        System.out.printf(Locale.ROOT, "%02d:%02d %s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), line);
        System.out.flush();
    }
}
