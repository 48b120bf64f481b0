package org.attnsim.reports.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.workload.Phase;
import org.jfree.chart.ChartUtils;

/**
 * Every chart of a run. A chart that fails to build is recorded with its reason instead of failing the
 * run, so the rest of the report is still written.
 */
public final class ReportCharts {

    static final int PNG_WIDTH = 1000;
    static final int PNG_HEIGHT = 600;

    /** A chart that could not be built: its name and why. */
    public record Failure(String name, String section, String reason) {
    }

    private final List<ChartSpec> charts = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    private ReportCharts() {
    }

    public static ReportCharts build(Scenario s, List<ResultRow> rows) {
        ReportFonts.registerWithAwt();
        ReportCharts out = new ReportCharts();
        for (HardwareProfile hw : s.hardware()) {
            out.add("speedup-" + hw.id(), "Speed-ups", () -> SpeedupChart.build(rows, hw.id()));
        }
        for (Phase phase : s.phases()) {
            for (HardwareProfile hw : s.hardware()) {
                out.add("breakdown-" + hw.id() + "-" + phase.id(), phase.id(),
                        () -> BreakdownChart.build(rows, hw.id(), phase));
            }
        }
        for (HardwareProfile hw : s.hardware()) {
            out.add("roofline-" + hw.id(), "Roofline", () -> RooflineChart.build(rows, hw));
        }
        for (HardwareProfile hw : s.hardware()) {
            out.add("memory-" + hw.id(), "Memory", () -> MemoryChart.build(rows, hw));
        }
        if (s.phases().contains(Phase.DECODE)) {
            for (HardwareProfile hw : s.hardware()) {
                out.add("sparq-" + hw.id(), "SparQ", () -> SparqChart.build(s, hw));
            }
        }
        return out;
    }

    /** Charts built elsewhere, with the failures met building them. */
    public static ReportCharts of(List<ChartSpec> charts, List<Failure> failures) {
        ReportCharts out = new ReportCharts();
        out.charts.addAll(charts);
        out.failures.addAll(failures);
        return out;
    }

    private void add(String name, String section, Supplier<ChartSpec> build) {
        try {
            charts.add(build.get());
        } catch (RuntimeException e) {
            failures.add(new Failure(name, section, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** Adds a failure found later, e.g. while drawing a chart. */
    public void fail(ChartSpec spec, Exception e) {
        charts.remove(spec);
        failures.add(new Failure(spec.fileName(), spec.section(), e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    public List<ChartSpec> charts() {
        return List.copyOf(charts);
    }

    public List<ChartSpec> charts(String section) {
        return charts.stream().filter(c -> c.section().equals(section)).toList();
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    public List<Failure> failures(String section) {
        return failures.stream().filter(f -> f.section().equals(section)).toList();
    }

    public static byte[] png(ChartSpec spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, spec.chart(), PNG_WIDTH, PNG_HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The chart as SVG, on the PNG's canvas. */
    public static byte[] svg(ChartSpec spec) {
        return ChartSvg.of(spec.chart(), PNG_WIDTH, PNG_HEIGHT);
    }
}
