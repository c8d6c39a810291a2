package io.eventpipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (b) The ingest-api alone (nothing else consuming the broker) as its own JVM, next to ProducerPerformance: single
 * and batch POSTs at full concurrency from the external generator, with the CPU the service used per event, and
 * single POSTs paced at half the measured rate (open loop, Java) for latency.
 */
final class IngestStage {

    /** A load phase and the ingest-api's CPU per event answered in it. */
    record Phase(Generator.Result load, double serviceMicros) {
    }

    private IngestStage() {
    }

    static List<Measurement> run(Services services, Generator load, ProducerCeiling.Result ceiling, BenchOptions options,
            Progress progress) throws Exception {
        // Warm-up of both routes at full concurrency, so the JIT compiles before the clock runs (a profile of
        // a 3 s warm-up at low concurrency showed a quarter of the measured phase's CPU in the JIT compiler).
        Duration warmUp = options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        load.closedLoop(1, options.concurrency(), warmUp, 0.1);
        load.closedLoop(100, options.batchConcurrency(), warmUp, 0.1);
        List<Measurement> out = new ArrayList<>();

        progress.begin("(b) ingest-api single POSTs, " + options.concurrency() + " connections, 10% repeated keys, "
                + load.name());
        Phase single = measured(services, load, 1, options.concurrency(), options, progress);
        out.add(rate("ingest: single POST (max)", single, ceiling, null));
        out.add(cpu("ingest: CPU per single POST", single, 100.0));
        double half = single.load().eventsPerSecond() / 2;
        HttpLoad.Result halfLoad = load.java().openLoop(1, half, options.httpPhase(), 0.1, null);
        progress.note("at half load (open loop, Java): " + BenchMain.describe(halfLoad));
        out.add(new Measurement("ingest: single POST p99 at half load", halfLoad.percentilesMs().get("p99"), "ms",
                null, null, 25.0, false, halfLoad.percentilesMs(),
                "open loop at %.0f requests/s; statuses %s".formatted(half, halfLoad.statuses())));

        progress.begin("(b) ingest-api batch POSTs, 100 events each, " + options.batchConcurrency()
                + " connections, 10% repeated keys");
        Phase batch = measured(services, load, 100, options.batchConcurrency(), options, progress);
        out.add(rate("ingest: batch POST (100/request)", batch, ceiling, null));
        out.add(cpu("ingest: CPU per batched event", batch, 8.0));
        return out;
    }

    static Phase measured(Services services, Generator load, int batch, int connections,
            BenchOptions options, Progress progress) throws Exception {
        CpuShare share = CpuShare.start(services);
        Generator.Result r = load.closedLoop(batch, connections, options.httpPhase(), 0.1);
        Map<String, Double> used = share.stop();
        double micros = used.get("ingest-api") * 1e6 / Math.max(1, r.answeredEvents());
        progress.note(r.description() + "; " + CpuShare.describe(used)
                + "; ingest-api %.1f us CPU per answered event".formatted(micros));
        return new Phase(r, micros);
    }

    private static Measurement rate(String stage, Phase phase, ProducerCeiling.Result ceiling, Double target) {
        Generator.Result r = phase.load();
        Measurement.Cpu cpu = new Measurement.Cpu(Measurement.Cpu.finite(phase.serviceMicros()), null, null,
                Measurement.Cpu.finite(ceiling.cpuMicrosPerRecord()));
        String generator = Double.isNaN(r.generatorCores()) ? "Java generator"
                : "wrk used %.2f cores".formatted(r.generatorCores());
        return new Measurement(stage, r.eventsPerSecond(), "events/s", ceiling.recordsPerSecond(),
                "ProducerPerformance (physical limit)", target, true, r.percentilesMs(), generator, cpu);
    }

    private static Measurement cpu(String stage, Phase phase, double targetMicros) {
        return new Measurement(stage, phase.serviceMicros(), "us", null, null, targetMicros, false, null,
                "ingest-api process CPU / events answered 202 (10% of requests are replays)");
    }
}
