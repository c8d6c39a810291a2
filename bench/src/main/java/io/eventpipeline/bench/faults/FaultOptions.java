package io.eventpipeline.bench.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the fault run does: which faults (in this order), how much load, how long each phase lasts.
 * {@code --only ingest,processor} picks faults by id; {@code --rate} and {@code --workers} shape the load.
 */
record FaultOptions(List<String> faults, double requestsPerSecond, int workers, int aggregates, Duration baseline,
        Duration settle, Duration recoveryTimeout, Duration redisOutage, Path out) {

    /** Every fault by id, in the order of a full run (poison last: it once stopped the whole pipeline). */
    static final Map<String, Function<FaultOptions, Fault>> ALL = catalogue();

    static FaultOptions defaults() {
        return new FaultOptions(List.copyOf(ALL.keySet()), 100, 96, 400, Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofMinutes(2), Duration.ofSeconds(30), Path.of("fault-results"));
    }

    static FaultOptions parse(String[] args) {
        FaultOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            o = switch (args[i]) {
                case "--only" -> o.withFaults(Arrays.asList(required(args[i], value).split(",")));
                case "--rate" -> new FaultOptions(o.faults, Double.parseDouble(required(args[i], value)), o.workers,
                        o.aggregates, o.baseline, o.settle, o.recoveryTimeout, o.redisOutage, o.out);
                case "--workers" -> new FaultOptions(o.faults, o.requestsPerSecond, Integer.parseInt(required(args[i], value)),
                        o.aggregates, o.baseline, o.settle, o.recoveryTimeout, o.redisOutage, o.out);
                case "--out" -> new FaultOptions(o.faults, o.requestsPerSecond, o.workers, o.aggregates, o.baseline,
                        o.settle, o.recoveryTimeout, o.redisOutage, Path.of(required(args[i], value)));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --only " + String.join(",", ALL.keySet()) + ", --rate N, --workers N, --out DIR)");
            };
            i++;
        }
        return o;
    }

    FaultOptions withFaults(List<String> ids) {
        for (String id : ids) {
            if (!ALL.containsKey(id)) {
                throw new IllegalArgumentException("unknown fault " + id + " (faults: " + String.join(",", ALL.keySet()) + ")");
            }
        }
        return new FaultOptions(List.copyOf(ids), requestsPerSecond, workers, aggregates, baseline, settle,
                recoveryTimeout, redisOutage, out);
    }

    /** Lighter load and a shorter baseline, e.g. for the reduced scenario of the test suite. */
    FaultOptions withLoad(double rate, int workerCount, Duration baselinePhase) {
        return new FaultOptions(faults, rate, workerCount, aggregates, baselinePhase, settle, recoveryTimeout,
                redisOutage, out);
    }

    List<Fault> selected() {
        List<Fault> chosen = new ArrayList<>();
        faults.forEach(id -> chosen.add(ALL.get(id).apply(this)));
        return chosen;
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static Map<String, Function<FaultOptions, Fault>> catalogue() {
        Map<String, Function<FaultOptions, Fault>> all = new LinkedHashMap<>();
        all.put("ingest", o -> ProcessFaults.ingestKill());
        all.put("processor", o -> ProcessFaults.processorKill());
        all.put("writer-copy", o -> WriterFaults.midCopy());
        all.put("writer-tx", o -> WriterFaults.midTransaction());
        all.put("broker", o -> ProcessFaults.brokerRestart());
        all.put("postgres", o -> ProcessFaults.postgresRestart());
        all.put("redis", o -> ProcessFaults.redisDown(o.redisOutage));
        all.put("poison", o -> PoisonRecords.fault());
        return all;
    }
}
