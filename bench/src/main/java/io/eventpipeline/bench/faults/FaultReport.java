package io.eventpipeline.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fault table in markdown (printed and written to {@code results.md}) and the load generator's log. */
final class FaultReport {

    private FaultReport() {
    }

    static String markdown(Map<String, PhaseResult> phases, String context) {
        StringBuilder md = new StringBuilder("# Fault matrix\n\n").append(context).append("\n\n");
        md.append("| fault | events accepted | stored | duplicates | gaps | lost | rejected | not invalidated | recovery | worst canary delay | invariants |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|\n");
        phases.values().stream().filter(p -> p.accepted > 0 || !p.violations.isEmpty() || p.recoveryMillis != null)
                .forEach(p -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d%s | %d | %s | %s | %s |%n",
                p.phase, p.accepted, p.stored, p.duplicates, p.gaps, p.lost, p.rejected,
                p.unexpectedlyRejected > 0 ? " (" + p.unexpectedlyRejected + " valid)" : "", p.uninvalidated,
                seconds(p.recoveryMillis, "not recovered"), seconds(p.maxDelayMillis, "-"), p.holds() && p.recoveryMillis != null ? "hold" : "**broken**")));
        md.append("\nWhat each fault hit:\n\n");
        phases.values().stream().filter(p -> !p.evidence.isEmpty())
                .forEach(p -> md.append("- **").append(p.phase).append("**: ").append(p.evidence).append('\n'));
        List<String> broken = new ArrayList<>();
        phases.values().forEach(p -> p.violations.forEach(v -> broken.add("- " + p.phase + ": " + v)));
        md.append(broken.isEmpty() ? "\nNo invariant was broken.\n" : "\nBroken invariants (first examples per phase):\n\n"
                + String.join("\n", broken) + "\n");
        return md.toString();
    }

    static void write(Path out, String markdown, List<LoadRequest> requests) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), markdown);
        List<String> lines = new ArrayList<>(requests.size());
        requests.forEach(r -> lines.add(r.logLine()));
        Files.write(out.resolve("requests.log"), lines);
    }

    private static String seconds(Long millis, String absent) {
        return millis == null ? absent : String.format(Locale.ROOT, "%.1f s", millis / 1e3);
    }
}
