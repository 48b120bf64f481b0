package org.attnsim.reports.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnsim.kernels.validate.ValidationRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Predicted against measured time per point (log-log), with y = x and a band of +-15%; hollow circles mark
 * each point predicted again at the rates the device gave beside it.
 */
public final class MeasuredVsPredictedChart {

    /** The width of the error band drawn around y = x (the cross-check's goal for the median error). */
    static final double BAND = 0.15;

    private MeasuredVsPredictedChart() {
    }

    public static ChartSpec build(List<ValidationRow> rows) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        Map<String, XYSeries> byVariant = new LinkedHashMap<>();
        XYSeries beside = new XYSeries("predicted at the rates beside");
        for (ValidationRow r : rows) {
            beside.add(r.measured().medianSeconds(), r.atRatesBeside().seconds());
            lo = Math.min(lo, r.atRatesBeside().seconds());
            hi = Math.max(hi, r.atRatesBeside().seconds());
            String key = r.variant().label() + (r.prediction().point().sparq() == null ? "" : " SparQ "
                    + r.prediction().point().sparq().keyLayout().id()) + " " + r.prediction().point().workload().phase().id();
            byVariant.computeIfAbsent(key, XYSeries::new).add(r.measured().medianSeconds(), r.prediction().seconds());
            lo = Math.min(lo, Math.min(r.measured().medianSeconds(), r.prediction().seconds()));
            hi = Math.max(hi, Math.max(r.measured().medianSeconds(), r.prediction().seconds()));
        }
        lo /= 1.5;
        hi *= 1.5;
        int n = 0;
        n = line(data, renderer, n, "y = x", lo, hi, 1, Color.DARK_GRAY, false);
        n = line(data, renderer, n, "+15%", lo, hi, 1 + BAND, Color.GRAY, true);
        n = line(data, renderer, n, "-15%", lo, hi, 1 - BAND, Color.GRAY, true);
        int c = 0;
        for (XYSeries s : byVariant.values()) {
            data.addSeries(s);
            renderer.setSeriesLinesVisible(n, false);
            renderer.setSeriesShapesVisible(n, true);
            renderer.setSeriesPaint(n++, ChartStyle.color(c++));
        }
        data.addSeries(beside);
        renderer.setSeriesLinesVisible(n, false);
        renderer.setSeriesShapesVisible(n, true);
        renderer.setSeriesShapesFilled(n, false);
        renderer.setSeriesShape(n, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesPaint(n, Color.GRAY);
        XYPlot plot = new XYPlot(data, ChartStyle.siLogAxis("measured time (median)", "s"),
                ChartStyle.siLogAxis("predicted time", "s"), renderer);
        ChartStyle.grid(plot);
        JFreeChart chart = new JFreeChart("Predicted against measured, per point", plot);
        ChartStyle.apply(chart);
        chart.getTitle().setFont(ReportFonts.font(Font.BOLD, 14f));
        String device = rows.isEmpty() ? "-" : rows.get(0).measured().device();
        return new ChartSpec("measured-vs-predicted.png", "Measured", chart,
                "Each point is one kernel run on " + device + " (median of its repeats) against the prediction on the "
                        + "calibrated profile of the same device; dashed lines mark +-15%. Hollow circles: the same "
                        + "point predicted at the bandwidth and row-update rate measured beside it.");
    }

    private static int line(XYSeriesCollection data, XYLineAndShapeRenderer r, int n, String name, double lo, double hi,
            double factor, Color color, boolean dashed) {
        XYSeries s = new XYSeries(name);
        s.add(lo, lo * factor);
        s.add(hi, hi * factor);
        data.addSeries(s);
        r.setSeriesShapesVisible(n, false);
        r.setSeriesPaint(n, color);
        r.setSeriesStroke(n, dashed ? ChartStyle.DASHED : ChartStyle.LINE);
        return n + 1;
    }
}
