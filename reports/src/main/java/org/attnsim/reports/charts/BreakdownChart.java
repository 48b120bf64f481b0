package org.attnsim.reports.charts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.workload.Phase;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Where the time goes: one stacked bar per variant at the largest sequence length, one segment per op
 * (grouped by part of the model when there are many), the bound of the dominant op under each bar.
 */
public final class BreakdownChart {

    static final int MAX_SEGMENTS = 9;

    private BreakdownChart() {
    }

    public static ChartSpec build(List<ResultRow> rows, String hardwareId, Phase phase) {
        List<ResultRow> slice = Slice.of(rows, hardwareId, phase);
        int seq = Slice.maxSeqLen(slice);
        int batch = Slice.batchOf(slice, seq);
        List<ResultRow> at = Slice.at(slice, seq, batch);
        double max = at.stream().mapToDouble(r -> r.prediction().seconds()).max().orElse(1);
        double scale = max >= 1 ? 1 : max >= 1e-3 ? 1e3 : 1e6;
        String unit = max >= 1 ? "s" : max >= 1e-3 ? "ms" : "us";

        boolean grouped = distinctOps(at) > MAX_SEGMENTS;
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ResultRow r : at) {
            Prediction p = r.prediction();
            String category = r.variant().label() + (p.point().sparq() == null ? ""
                    : " SparQ " + sparqName(p.point().sparq(), at)) + " [" + p.bound().id() + "]";
            Map<String, Double> segments = new LinkedHashMap<>();
            for (OpTiming t : p.ops()) {
                String key = (grouped ? t.op().group().id() : t.op().name()) + " " + t.op().pass().id();
                segments.merge(key, t.seconds() * scale, Double::sum);
            }
            segments.forEach((k, v) -> data.addValue(v, k, category));
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(
                phase.id() + " time by op on " + hardwareId + ", " + Slice.tokens(seq) + " tokens, batch " + batch,
                null, "time (" + unit + ")", data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        CategoryAxis x = plot.getDomainAxis();
        x.setMaximumCategoryLabelLines(2);
        if (data.getColumnCount() > 6) {
            x.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        }
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        return new ChartSpec("breakdown-" + hardwareId + "-" + phase.id() + ".png", phase.id(), chart,
                "Predicted " + phase.id() + " time of each op, summed over layers, at " + seq + " tokens and batch "
                        + batch + " (" + Quantity.formatSeconds(max) + " for the slowest variant). In brackets: the "
                        + "unit that bounds the longest op; SparQ: the variant with SparQ decoding, K stored "
                        + "twice or once; each op as if it ran alone (on a profile with a measured overlap exponent the "
                        + "ops of one launch overlap, so a SparQ bar can stand above its predicted total). Model: "
                        + "attnsim roofline on the " + hardwareId + " profile.");
    }

    /** The SparQ settings that tell the rows apart: the key layout, and r and k when they vary. */
    static String sparqName(org.attnsim.sim.model.SparqConfig c, List<ResultRow> rows) {
        long settings = rows.stream().map(r -> r.prediction().point().sparq()).filter(java.util.Objects::nonNull)
                .map(x -> x.r() + "/" + x.k()).distinct().count();
        return c.keyLayout().id() + (settings > 1 ? " r" + c.r() + " k" + c.k() : "");
    }

    private static long distinctOps(List<ResultRow> rows) {
        return rows.stream().flatMap(r -> r.prediction().ops().stream())
                .map(t -> t.op().name() + t.op().pass()).distinct().count();
    }
}
