package io.eventpipeline.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One figure of the report, next to the baseline it is judged against.
 *
 * @param stage       what was measured, e.g. "ingest: batch POST"
 * @param value       the figure
 * @param unit        its unit, e.g. "events/s", "ms", "MiB"
 * @param baseline    what the same machine did at the physical limit in the same run (null if none)
 * @param baselineName what the baseline is
 * @param target      the goal, as a ratio to the baseline when there is one, else as an absolute bound
 * @param higherIsBetter whether the goal is a floor (throughput) or a ceiling (latency, memory)
 * @param percentiles latency percentiles in ms, when the stage has them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Measurement(String stage, double value, String unit, Double baseline, String baselineName, Double target,
        boolean higherIsBetter, Map<String, Double> percentiles, String note) {

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
