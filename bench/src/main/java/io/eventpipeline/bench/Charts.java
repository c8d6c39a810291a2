package io.eventpipeline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's PNG charts: rates and CPU per event beside the peer or limit, latency percentiles, scaling curves. */
final class Charts {

    private Charts() {
    }

    static void throughput(Path file, List<Measurement> measurements) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Measurement m : measurements) {
            if (m.unit().endsWith("/s")) {
                data.addValue(m.value(), "measured", m.stage());
                if (m.baseline() != null) {
                    data.addValue(m.baseline(), "peer or physical limit (same run)", m.stage());
                }
            }
        }
        bars(file, "Events (rows) per second, beside the peer or physical limit", "per second", data);
    }

    static void cpu(Path file, List<Measurement> measurements) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Measurement m : measurements) {
            Measurement.Cpu cpu = m.cpu();
            if (cpu != null && cpu.process() != null) {
                data.addValue(cpu.process(), "measured process", m.stage());
                if (cpu.database() != null) {
                    data.addValue(cpu.database(), "PostgreSQL", m.stage());
                }
                if (cpu.baseline() != null) {
                    data.addValue(cpu.baseline(), "peer or physical limit", m.stage());
                }
            }
        }
        bars(file, "CPU per event (µs), beside the peer or physical limit", "µs of CPU per event", data);
    }

    private static void bars(Path file, String title, String axis, DefaultCategoryDataset data) throws IOException {
        JFreeChart chart = ChartFactory.createBarChart(title, "", axis, data, PlotOrientation.HORIZONTAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 140 + 60 * Math.max(1, data.getColumnCount()));
    }

    static void latency(Path file, List<Measurement> measurements) throws IOException {
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

    /** Events/s as bars (left axis), CPU per event as lines (right axis). */
    static void curve(Path file, Curve curve) throws IOException {
        DefaultCategoryDataset rates = new DefaultCategoryDataset();
        DefaultCategoryDataset cpu = new DefaultCategoryDataset();
        for (Curve.Point p : curve.points()) {
            rates.addValue(p.eventsPerSecond(), "events/s", p.x());
            cpu.addValue(p.cpuMicros(), "process CPU per event (µs)", p.x());
            cpu.addValue(p.streamThreadMicros(), "stream-thread CPU per event (µs)", p.x());
        }
        JFreeChart chart = ChartFactory.createBarChart(curve.title(), curve.axis(), "events per second", rates,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setDataset(1, cpu);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRangeAxis(1, new NumberAxis("µs of CPU per event"));
        plot.setRenderer(1, new LineAndShapeRenderer());
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }
}
