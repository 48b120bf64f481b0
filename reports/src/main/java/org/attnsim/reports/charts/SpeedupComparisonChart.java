package org.attnsim.reports.charts;

import java.util.List;
import org.attnsim.kernels.validate.ValidationRow;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Predicted and measured speed-up over the baseline, side by side for every point. */
public final class SpeedupComparisonChart {

    private SpeedupComparisonChart() {
    }

    /** A point in a few words for a category axis: "GQA SparQ once decode 16k b8". */
    static String category(ValidationRow r) {
        var p = r.prediction().point();
        return r.variant().label() + (p.sparq() == null ? "" : " SparQ " + p.sparq().keyLayout().id()) + " "
                + p.workload().phase().id() + " " + Slice.tokens(p.workload().seqLen()) + " b" + p.workload().batch();
    }

    /** A category axis of points ({@link #category}): small labels at 45 degrees, and the range's grid. */
    static void pointAxis(CategoryPlot plot) {
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        // Rotated labels may be several categories wide: without this they are cut to a few letters.
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(4f);
        plot.getDomainAxis().setTickLabelFont(ReportFonts.font(java.awt.Font.PLAIN, 8f));
        plot.setRangeGridlinePaint(ChartStyle.GRID);
    }

    public static ChartSpec build(List<ValidationRow> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ValidationRow r : rows) {
            String category = category(r);
            data.addValue(r.predictedSpeedup(), "predicted", category);
            data.addValue(r.measuredSpeedup(), "measured", category);
        }
        JFreeChart chart = ChartFactory.createBarChart("Speed-up over the baseline: predicted and measured", null,
                "speed-up (x)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.color(0));
        renderer.setSeriesPaint(1, ChartStyle.color(1));
        pointAxis(plot);
        return new ChartSpec("speedups-measured.png", "Measured", chart,
                "Speed-up of each point over the baseline's dense point at the same phase and shape: predicted on the "
                        + "calibrated profile (blue) and measured from the kernels (orange).");
    }
}
