package org.attnsim.reports.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.sim.Point;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.FfnKind;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code attnsim bench}: how fast the simulator evaluates points, on one thread. Runs several timed
 * rounds after a warm-up and prints the median and the range of the rounds, so noise on a shared
 * machine is visible rather than hidden.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure simulator throughput: attention-scope points per second and microseconds per full-model point (one thread).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "7", description = "Timed rounds per benchmark (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--round-seconds", defaultValue = "0.5", description = "Seconds per round (default: ${DEFAULT-VALUE}).")
    double roundSeconds;

    @Option(names = "--report-scenario", defaultValue = "scenarios/quickstart.yaml", paramLabel = "FILE",
            description = "Scenario whose full report (sweep, charts, PNGs, PDF) is timed (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path reportScenario;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Keeps results alive so the JIT cannot drop the work. */
    private double sink;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        HardwareProfile h100 = HardwareCatalog.resolve("h100-sxm", "bench", null);
        HardwareProfile a100 = HardwareCatalog.resolve("a100-40gb-sxm", "bench", null);
        Point[] attention = attentionPoints(h100, a100);
        Point[] model = {modelPoint(h100, Phase.TRAIN, 8192), modelPoint(h100, Phase.DECODE, 32768),
            modelPoint(h100, Phase.PREFILL, 131072)};
        out.printf(Locale.ROOT, "attnsim bench: %d rounds of %.2f s after a warm-up, one thread (%s, %d processors)%n",
                rounds, roundSeconds, System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
        double[] perSecond = measure(attention);
        out.printf(Locale.ROOT, "attention-scope points per second: median %,.0f (rounds %,.0f .. %,.0f)%n",
                median(perSecond), min(perSecond), max(perSecond));
        double[] modelPerSecond = measure(model);
        double[] micros = Arrays.stream(modelPerSecond).map(r -> 1e6 / r).toArray();
        out.printf(Locale.ROOT, "full 32-layer model point (train/decode/prefill): median %.2f us (rounds %.2f .. %.2f us)%n",
                median(micros), min(micros), max(micros));
        if (java.nio.file.Files.isRegularFile(reportScenario)) {
            double[] report = reportSeconds(reportScenario, 5);
            double[] warm = Arrays.copyOfRange(report, 1, report.length);
            out.printf(Locale.ROOT, "report of %s (sweep, charts, PNGs, PDF, in memory): first in this JVM %.2f s, "
                    + "then median %.2f s (%.2f .. %.2f)%n", reportScenario, report[0], median(warm), min(warm), max(warm));
        }
        out.printf(Locale.ROOT, "(checksum %.6g)%n", sink);
        return 0;
    }

    /** Seconds per full report, the first run (cold classes and JIT) first. */
    private double[] reportSeconds(java.nio.file.Path file, int runs) {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            var scenario = org.attnsim.sim.scenario.ScenarioReader.read(file);
            var rows = org.attnsim.sim.scenario.Sweep.run(scenario);
            var charts = org.attnsim.reports.charts.ReportCharts.build(scenario, rows);
            long bytes = 0;
            for (var c : charts.charts()) {
                bytes += org.attnsim.reports.charts.ReportCharts.png(c).length;
            }
            bytes += org.attnsim.reports.pdf.PdfReport.render(scenario, rows, charts, Version.text(),
                    java.time.LocalDate.of(2026, 1, 1)).length;
            sink += bytes;
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    private double[] measure(Point[] points) {
        long warmEnd = System.nanoTime() + (long) (1e9 * Math.max(2.0, 2 * roundSeconds));
        while (System.nanoTime() < warmEnd) {
            run(points, 1000);
        }
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long count = 0;
            long start = System.nanoTime();
            long end = start + (long) (1e9 * roundSeconds);
            long now;
            do {
                run(points, 1000);
                count += 1000;
                now = System.nanoTime();
            } while (now < end);
            rates[r] = count / ((now - start) / 1e9);
        }
        return rates;
    }

    private void run(Point[] points, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Simulator.predict(points[i % points.length]).seconds();
        }
        sink += s;
    }

    static Point[] attentionPoints(HardwareProfile... hardware) {
        List<Point> points = new ArrayList<>();
        Variant[] variants = {Variant.MHA, Variant.GQA, Variant.SQA, Variant.XSQA};
        int[] seqs = {1024, 8192, 65536};
        for (HardwareProfile hw : hardware) {
            for (Phase phase : Phase.values()) {
                for (Variant v : variants) {
                    for (int s : seqs) {
                        AttentionShape shape = v.shape(4096, 32, null, null, "bench");
                        Workload w = Workload.of(phase, s, 8, true, Dtype.BF16, Algorithm.TILED, "bench");
                        SparqConfig sparq = phase == Phase.DECODE && v == Variant.MHA
                                ? new SparqConfig(32, 128, 0, KeyLayout.TWICE, true) : null;
                        points.add(new Point(v.label(), v.id(), shape, null, Scope.ATTENTION, w, sparq, hw, Terms.defaults()));
                    }
                }
            }
        }
        return points.toArray(new Point[0]);
    }

    static Point modelPoint(HardwareProfile hw, Phase phase, int seq) {
        AttentionShape shape = Variant.GQA.shape(4096, 32, null, 8, "bench");
        ModelSpec model = ModelSpec.of(32, FfnKind.SWIGLU, 14336, 128256, "bench");
        Workload w = Workload.of(phase, seq, 1, true, Dtype.BF16, Algorithm.TILED, "bench");
        return new Point("GQA", "gqa", shape, model, Scope.MODEL, w, null, hw, Terms.defaults());
    }

    private static double median(double[] v) {
        return MedianInterval.of(v).median();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
