package org.attnsim.reports.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.scenario.ResultRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The roofline of one profile (Williams, Waterman and Patterson, CACM 2009): attainable FLOP/s against
 * arithmetic intensity (FLOPs per device-memory byte), a ceiling per compute unit and memory level,
 * the ridge points, and the longest op of every variant and phase at the largest sequence length
 * (points that fall together share one label; {@link PointLabels} keeps the labels apart).
 * Exponentials are not FLOPs: their ceiling is drawn in FLOP terms for attention, whose scores carry
 * 4 d_head + 4 FLOPs per exponential.
 */
public final class RooflineChart {

    static final double MIN_INTENSITY = 0.1;
    static final double MAX_INTENSITY = 1e5;

    private RooflineChart() {
    }

    public static ChartSpec build(List<ResultRow> rows, HardwareProfile hw) {
        List<ResultRow> slice = Slice.of(rows, hw.id(), null);
        int seq = Slice.maxSeqLen(slice);
        int batch = Slice.batchOf(slice, seq);
        Dtype dtype = slice.get(0).prediction().point().workload().dtype();
        int headDim = slice.get(0).prediction().point().shape().headDim();

        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        double bw = hw.deviceMemory().bandwidthBytesPerSecond().value();
        double cacheBw = hw.lastLevelCache().bandwidthBytesPerSecond().value();
        double matrix = hw.matrixPeak(dtype);
        double vector = hw.vectorFlopsPerSecond().value();
        double exp = hw.exponentialsPerSecond().value() * (4.0 * headDim + 4);
        int n = 0;
        n = ceiling(data, renderer, n, dtype.id() + " matrix " + si(matrix, "FLOP/s"), matrix, Color.DARK_GRAY);
        n = ceiling(data, renderer, n, "fp32 vector " + si(vector, "FLOP/s"), vector, Color.GRAY);
        n = ceiling(data, renderer, n, "exp unit (attention, d_head " + headDim + ")", exp, new Color(150, 60, 60));
        n = slope(data, renderer, n, hw.deviceMemory().name() + " " + si(bw, "B/s"), bw, matrix, Color.DARK_GRAY);
        n = slope(data, renderer, n, hw.lastLevelCache().name() + " " + si(cacheBw, "B/s"), cacheBw, matrix, Color.GRAY);

        Map<String, XYSeries> byPhase = new LinkedHashMap<>();
        List<Cluster> clusters = new ArrayList<>();
        for (ResultRow r : Slice.at(slice, seq, batch)) {
            OpTiming t = r.prediction().dominant();
            double flops = t.op().flops() * t.op().repeats();
            double bytes = t.op().deviceBytes() * t.op().repeats();
            if (flops <= 0 || bytes <= 0) {
                continue;
            }
            String phase = r.prediction().point().workload().phase().id();
            double x = flops / bytes;
            double y = flops / t.seconds();
            byPhase.computeIfAbsent(phase + " (longest op)", XYSeries::new).add(x, y);
            String label = r.variant().label() + (r.prediction().point().sparq() == null ? "" : " SparQ");
            Cluster home = null;
            for (Cluster c : clusters) {
                if (c.near(x, y)) {
                    home = c;
                    break;
                }
            }
            if (home == null) {
                home = new Cluster(x, y);
                clusters.add(home);
            }
            home.labels.add(label);
            home.phases.add(phase);
        }
        int c = 0;
        for (XYSeries series : byPhase.values()) {
            data.addSeries(series);
            renderer.setSeriesLinesVisible(n, false);
            renderer.setSeriesShapesVisible(n, true);
            renderer.setSeriesPaint(n, ChartStyle.color(c++));
            n++;
        }

        XYPlot plot = new XYPlot(data, ChartStyle.siLogAxis("arithmetic intensity (FLOP per " + hw.deviceMemory().name()
                + " byte)", ""), ChartStyle.siLogAxis("attainable throughput", "FLOP/s"), renderer);
        ChartStyle.grid(plot);
        // Room below the lowest point for its label.
        plot.getRangeAxis().setLowerMargin(0.12);
        List<PointLabels.Label> labels = new ArrayList<>();
        for (Cluster cl : clusters) {
            labels.add(new PointLabels.Label(cl.text(), cl.x, cl.y, false));
        }
        labels.add(new PointLabels.Label(String.format(Locale.ROOT, "ridge %.0f FLOP/B", matrix / bw), matrix / bw,
                matrix, true));
        labels.add(new PointLabels.Label(String.format(Locale.ROOT, "ridge %.1f FLOP/B", vector / bw), vector / bw,
                vector, true));
        List<Point2D> markers = new ArrayList<>();
        for (XYSeries series : byPhase.values()) {
            for (int i = 0; i < series.getItemCount(); i++) {
                markers.add(new Point2D.Double(series.getX(i).doubleValue(), series.getY(i).doubleValue()));
            }
        }
        plot.addAnnotation(new PointLabels(labels, markers, ReportFonts.font(Font.PLAIN, 8f)));
        JFreeChart chart = new JFreeChart("Roofline of " + hw.id() + " (" + dtype.id() + ")", plot);
        ChartStyle.apply(chart);
        return new ChartSpec("roofline-" + hw.id() + ".png", "Roofline", chart,
                "Ceilings are the datasheet peaks of the " + hw.id() + " profile (sources in the appendix); points are "
                        + "the predicted throughput of each variant's longest op at " + seq + " tokens, batch " + batch
                        + ", after efficiency terms, so they sit below the ceilings.");
    }

    /** Points within a quarter of a decade of each other share one label. */
    private static final class Cluster {
        final double x;
        final double y;
        final Set<String> labels = new LinkedHashSet<>();
        final Set<String> phases = new LinkedHashSet<>();

        Cluster(double x, double y) {
            this.x = x;
            this.y = y;
        }

        boolean near(double px, double py) {
            return Math.abs(Math.log10(px / x)) < 0.25 && Math.abs(Math.log10(py / y)) < 0.25;
        }

        String text() {
            return String.join(", ", labels) + " (" + String.join(", ", phases) + ")";
        }
    }

    private static int ceiling(XYSeriesCollection data, XYLineAndShapeRenderer r, int n, String name, double rate,
            Color color) {
        XYSeries s = new XYSeries(name);
        s.add(MIN_INTENSITY, rate);
        s.add(MAX_INTENSITY, rate);
        return addLine(data, r, n, s, color);
    }

    private static int slope(XYSeriesCollection data, XYLineAndShapeRenderer r, int n, String name, double bw,
            double top, Color color) {
        XYSeries s = new XYSeries(name);
        s.add(MIN_INTENSITY, MIN_INTENSITY * bw);
        s.add(top / bw, top);
        return addLine(data, r, n, s, color);
    }

    private static int addLine(XYSeriesCollection data, XYLineAndShapeRenderer r, int n, XYSeries s, Color color) {
        data.addSeries(s);
        r.setSeriesShapesVisible(n, false);
        r.setSeriesPaint(n, color);
        r.setSeriesStroke(n, n % 2 == 0 ? ChartStyle.LINE : ChartStyle.DASHED);
        return n + 1;
    }

    private static String si(double v, String unit) {
        return org.attnsim.hwmodels.Quantity.format(v, unit);
    }
}
