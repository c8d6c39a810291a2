package io.eventpipeline.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One figure of the report, next to the peer or physical limit it is judged against.
 *
 * @param stage       what was measured, e.g. "ingest: batch POST"
 * @param value       the figure
 * @param unit        its unit, e.g. "events/s", "ms", "MiB"
 * @param baseline    what the peer or the physical limit did in the same run (null if none)
 * @param baselineName what the baseline is
 * @param target      the goal, as a ratio to the baseline when there is one, else as an absolute bound
 * @param higherIsBetter whether the goal is a floor (throughput) or a ceiling (latency, memory, CPU)
 * @param percentiles latency percentiles in ms, when the stage has them
 * @param cpu         CPU per event of the measured process(es) and of the baseline, when measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Measurement(String stage, double value, String unit, Double baseline, String baselineName, Double target,
        boolean higherIsBetter, Map<String, Double> percentiles, String note, Cpu cpu) {

    /**
     * CPU per event (or row, or request) in microseconds.
     *
     * @param process       the measured process(es) (user + system)
     * @param streamThreads its Kafka Streams threads alone (processor family)
     * @param database      PostgreSQL over the same span (writer family)
     * @param baseline      the baseline's process CPU per event, when it has one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cpu(Double process, Double streamThreads, Double database, Double baseline) {

        static Cpu of(double process) {
            return new Cpu(finite(process), null, null, null);
        }

        Cpu withBaseline(double micros) {
            return new Cpu(process, streamThreads, database, finite(micros));
        }

        static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    Measurement(String stage, double value, String unit, Double baseline, String baselineName, Double target,
            boolean higherIsBetter, Map<String, Double> percentiles, String note) {
        this(stage, value, unit, baseline, baselineName, target, higherIsBetter, percentiles, note, null);
    }

    Measurement withCpu(Cpu cpu) {
        return new Measurement(stage, value, unit, baseline, baselineName, target, higherIsBetter, percentiles, note, cpu);
    }

    Double ratio() {
        return baseline == null || baseline == 0 ? null : value / baseline;
    }

    /** Met, missed, or null when no target applies. */
    Boolean met() {
        if (target == null) {
            return null;
        }
        double judged = baseline == null ? value : ratio();
        return higherIsBetter ? judged >= target : judged <= target;
    }
}
