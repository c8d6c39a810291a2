package io.eventpipeline.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (c) The stream-processor next to its peer (the reference dedup topology) and its physical limit (a pass-through
 * topology), Bloom on and off, in rounds whose order alternates; each variant's median round counts.
 */
final class ProcessorStage {

    static final List<String> VARIANTS = List.of("pass-through", "reference-dedup", "processor", "processor-bloom");

    private ProcessorStage() {
    }

    static List<Measurement> run(ProcessorPeers.Input input, int rounds, int threads, Progress progress) throws Exception {
        Map<String, List<ProcessorPeers.Run>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? VARIANTS : VARIANTS.reversed();
            for (String variant : order) {
                ProcessorPeers.Run run = ProcessorPeers.run(input, variant, threads, 1, Map.of());
                progress.note("round %d: %s".formatted(round, ProcessorPeers.describe(run)));
                runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(run);
            }
        }
        return measurements(input, rounds, threads, median(runs, "pass-through"), median(runs, "reference-dedup"),
                median(runs, "processor"), median(runs, "processor-bloom"));
    }

    static ProcessorPeers.Run median(Map<String, List<ProcessorPeers.Run>> runs, String variant) {
        List<ProcessorPeers.Run> sorted = runs.get(variant).stream()
                .sorted(Comparator.comparingDouble(r -> r.drain().perSecond())).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<Measurement> measurements(ProcessorPeers.Input input, int rounds, int threads,
            ProcessorPeers.Run pass, ProcessorPeers.Run reference, ProcessorPeers.Run off, ProcessorPeers.Run on) {
        String setup = "%,d events, 10%% duplicates, %d partitions, %d stream threads, exactly_once_v2, commit 100 ms, "
                .formatted(input.events(), ProcessorPeers.PARTITIONS, threads)
                + "each its own JVM (-Xmx256m), median of %d round(s)".formatted(rounds);
        List<Measurement> out = new ArrayList<>();
        out.add(rate("processor (default: Bloom off)", off, reference, "reference dedup topology", 1.5,
                setup + "; validates, dedups, versions, writes events.log"));
        out.add(rate("processor with Bloom on", on, off, "processor with Bloom off", null,
                "Bloom stays off by default unless this is clearly above 1"));
        out.add(rate("reference dedup topology (peer)", reference, pass, "pass-through (physical limit)", null,
                "window store keyed by event id, fetch then put, processValues, Jackson parse of the id"));
        out.add(rate("pass-through EOS topology (physical limit)", pass, null, null, null, "bytes in, bytes out"));
        out.add(new Measurement("processor: stream-thread CPU per event", off.streamThreadMicros(), "us", null, null,
                8.0, false, null, "jcmd Thread.print cpu= of the StreamThread-N threads / events; reference dedup: %.1f us"
                        .formatted(reference.streamThreadMicros())));
        return out;
    }

    private static Measurement rate(String stage, ProcessorPeers.Run run, ProcessorPeers.Run base, String baseName,
            Double target, String note) {
        Measurement.Cpu cpu = new Measurement.Cpu(Measurement.Cpu.finite(run.drain().cpuMicros()),
                Measurement.Cpu.finite(run.streamThreadMicros()), null,
                base == null ? null : Measurement.Cpu.finite(base.drain().cpuMicros()));
        return new Measurement(stage, run.drain().perSecond(), "events/s", base == null ? null : base.drain().perSecond(),
                baseName, target, true, null, note, cpu);
    }
}
