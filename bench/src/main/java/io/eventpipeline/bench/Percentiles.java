package io.eventpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

final class Percentiles {

    static final double[] CURVE = {50, 75, 90, 95, 99, 99.9};

    private Percentiles() {
    }

    /** p50/p95/p99/p99.9 and the curve points, in milliseconds, from a histogram of microseconds. */
    static Map<String, Double> ofMicros(Histogram micros) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (double q : CURVE) {
            String name = "p" + (q == Math.floor(q) ? String.valueOf((int) q) : String.valueOf(q));
            p.put(name, micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(q) / 1000.0);
        }
        return p;
    }
}
