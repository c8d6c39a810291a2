package io.eventpipeline.bench;

import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** Writes the results as a markdown table, a JSON file and two PNG charts. */
final class Report {

    private Report() {
    }

    static String markdown(List<Measurement> measurements, Map<String, String> context) {
        StringBuilder md = new StringBuilder();
        md.append("| stage | measured | baseline (same run) | ratio | target | met |\n");
        md.append("|---|---:|---|---:|---|:-:|\n");
        for (Measurement m : measurements) {
            md.append("| ").append(m.stage())
                    .append(" | ").append(number(m.value())).append(' ').append(m.unit())
                    .append(" | ").append(m.baseline() == null ? "" : number(m.baseline()) + " " + m.unit() + " (" + m.baselineName() + ")")
                    .append(" | ").append(m.ratio() == null ? "" : ratio(m.ratio()))
                    .append(" | ").append(target(m))
                    .append(" | ").append(m.met() == null ? "" : m.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append('\n');
        context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        return md.toString();
    }

    static void write(Path dir, List<Measurement> measurements, Map<String, String> context) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown(measurements, context));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("finishedAt", Instant.now().toString());
        json.put("context", context);
        json.put("measurements", measurements.stream().map(Report::asMap).toList());
        Files.writeString(dir.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        throughputChart(dir.resolve("throughput.png"), measurements);
        latencyChart(dir.resolve("latency.png"), measurements);
    }

    private static Map<String, Object> asMap(Measurement m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", m.stage());
        out.put("value", m.value());
        out.put("unit", m.unit());
        out.put("baseline", m.baseline());
        out.put("baselineName", m.baselineName());
        out.put("ratio", m.ratio());
        out.put("target", m.target());
        out.put("met", m.met());
        out.put("percentilesMs", m.percentiles());
        out.put("note", m.note());
        return out;
    }

    private static void throughputChart(Path file, List<Measurement> measurements) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Measurement m : measurements) {
            if (m.unit().endsWith("/s")) {
                data.addValue(m.value(), "measured", m.stage());
                if (m.baseline() != null) {
                    data.addValue(m.baseline(), "baseline (same run)", m.stage());
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Throughput next to the machine's limit", "",
                "events (rows) per second", data, PlotOrientation.HORIZONTAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 140 + 60 * Math.max(1, data.getColumnCount()));
    }

    private static void latencyChart(Path file, List<Measurement> measurements) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // Percentiles outermost: the x axis keeps p50 < p75 < ... whatever each stage reports.
        for (String p : List.of("p50", "p75", "p90", "p95", "p99", "p99.9")) {
            for (Measurement m : measurements) {
                Double ms = m.percentiles() == null ? null : m.percentiles().get(p);
                if (ms != null && !ms.isNaN()) {
                    data.addValue(ms, m.stage(), p);
                }
            }
        }
        JFreeChart chart = ChartFactory.createLineChart("Latency percentiles", "percentile", "milliseconds", data,
                PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 600);
    }

    private static String target(Measurement m) {
        if (m.target() == null) {
            return "";
        }
        String op = m.higherIsBetter() ? "≥ " : "≤ ";
        return m.baseline() != null ? op + number(m.target()) + "×" : op + number(m.target()) + " " + m.unit();
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r < 0.1 ? "%.3f×" : "%.2f×", r);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
