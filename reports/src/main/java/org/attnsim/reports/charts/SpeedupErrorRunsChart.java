package org.attnsim.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.attnsim.kernels.validate.ValidationRow;
import org.attnsim.reports.table.ValidationRuns;
import org.attnsim.reports.table.ValidationTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;

/** Each point's speed-up error in every run of a repeated cross-check, against the goal's band. */
public final class SpeedupErrorRunsChart {

    /** The band drawn: the kernels issue's goal, every speed-up within 10% of the predicted one. */
    static final double GOAL_PERCENT = 100 * ValidationTable.SPEEDUP_TOLERANCE;

    private SpeedupErrorRunsChart() {
    }

    public static ChartSpec build(ValidationRuns runs) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // The axis shows the whole band and half as much again either side, and every dot.
        double low = -1.5 * GOAL_PERCENT;
        double high = 1.5 * GOAL_PERCENT;
        for (int n = 0; n < runs.size(); n++) {
            for (ValidationRow r : runs.runs().get(n)) {
                if (r.measuredSpeedupInterval() != null) {
                    double percent = 100 * r.speedupError();
                    data.addValue(percent, "run " + (n + 1), SpeedupComparisonChart.category(r));
                    low = Math.min(low, percent);
                    high = Math.max(high, percent);
                }
            }
        }
        JFreeChart chart = ChartFactory.createLineChart("Speed-up error, run by run", null,
                "speed-up error (%)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        for (int n = 0; n < runs.size(); n++) {
            dots.setSeriesPaint(n, ChartStyle.color(n));
        }
        plot.setRenderer(dots);
        IntervalMarker goal = new IntervalMarker(-GOAL_PERCENT, GOAL_PERCENT);
        goal.setPaint(new Color(0, 0, 0, 28));
        plot.addRangeMarker(goal, Layer.BACKGROUND);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)), Layer.BACKGROUND);
        double margin = 0.05 * (high - low);
        plot.getRangeAxis().setRange(low - margin, high + margin);
        SpeedupComparisonChart.pointAxis(plot);
        return new ChartSpec("speedup-errors-by-run.png", "Runs", chart, String.format(java.util.Locale.ROOT,
                "Each point's speed-up error (predicted / measured speed-up over the baseline - 1), predicted on the "
                        + "run's calibrated profile and measured from the kernels, one dot a run (%d runs); the grey "
                        + "band is the goal, within %.0f%%.",
                runs.size(), GOAL_PERCENT));
    }
}
