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

/** Writes the results as a markdown table, a JSON file and PNG charts ({@link Charts}). */
final class Report {

    private Report() {
    }

    static String markdown(List<Measurement> measurements, Map<String, String> context) {
        StringBuilder md = new StringBuilder();
        md.append("| stage | measured | CPU per event | peer or physical limit (same run) | its CPU per event | ratio | target | met |\n");
        md.append("|---|---:|---:|---|---:|---:|---|:-:|\n");
        for (Measurement m : measurements) {
            Measurement.Cpu cpu = m.cpu();
            md.append("| ").append(m.stage())
                    .append(" | ").append(number(m.value())).append(' ').append(m.unit())
                    .append(" | ").append(cpu == null ? "" : micros(cpu.process()) + threads(cpu) + database(cpu))
                    .append(" | ").append(m.baseline() == null ? "" : number(m.baseline()) + " " + m.unit() + " (" + m.baselineName() + ")")
                    .append(" | ").append(cpu == null ? "" : micros(cpu.baseline()))
                    .append(" | ").append(m.ratio() == null ? "" : ratio(m.ratio()))
                    .append(" | ").append(target(m))
                    .append(" | ").append(m.met() == null ? "" : m.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append('\n');
        for (Measurement m : measurements) {
            if (m.note() != null && !m.note().isBlank()) {
                md.append("- ").append(m.stage()).append(": ").append(m.note()).append('\n');
            }
        }
        md.append('\n');
        context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        return md.toString();
    }

    static void write(Path dir, List<Measurement> measurements, List<Curve> curves, Map<String, String> context)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown(measurements, context));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("finishedAt", Instant.now().toString());
        json.put("context", context);
        json.put("measurements", measurements.stream().map(Report::asMap).toList());
        json.put("curves", curves);
        Files.writeString(dir.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Charts.throughput(dir.resolve("throughput.png"), measurements);
        Charts.cpu(dir.resolve("cpu.png"), measurements);
        Charts.latency(dir.resolve("latency.png"), measurements);
        for (Curve curve : curves) {
            Charts.curve(dir.resolve(curve.file()), curve);
        }
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
        out.put("cpuMicrosPerEvent", m.cpu());
        out.put("percentilesMs", m.percentiles());
        out.put("note", m.note());
        return out;
    }

    private static String threads(Measurement.Cpu cpu) {
        return cpu.streamThreads() == null ? "" : " (stream threads " + micros(cpu.streamThreads()) + ")";
    }

    private static String database(Measurement.Cpu cpu) {
        return cpu.database() == null ? "" : " + PostgreSQL " + micros(cpu.database());
    }

    private static String micros(Double us) {
        return us == null ? "" : String.format(Locale.ROOT, "%.1f µs", us);
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
