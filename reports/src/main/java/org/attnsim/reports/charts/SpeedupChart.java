package org.attnsim.reports.charts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.workload.Phase;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Speed-up over the baseline against sequence length: one line per variant, one panel per phase. */
public final class SpeedupChart {

    private SpeedupChart() {
    }

    public static ChartSpec build(List<ResultRow> rows, String hardwareId) {
        List<ResultRow> hw = Slice.primary(Slice.of(rows, hardwareId, null));
        String batch = Slice.batchText(hw);
        Map<String, Integer> colors = new LinkedHashMap<>();
        for (ResultRow r : hw) {
            colors.putIfAbsent(Slice.label(r), colors.size());
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(ChartStyle.logAxis("sequence length (tokens)", 2));
        plot.setGap(12);
        String baseline = hw.isEmpty() ? "" : hw.get(0).baselineLabel();
        for (Phase phase : Slice.phases(hw)) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            Map<String, XYSeries> series = new LinkedHashMap<>();
            for (ResultRow r : Slice.of(hw, hardwareId, phase)) {
                series.computeIfAbsent(Slice.label(r), XYSeries::new)
                        .add(r.prediction().point().workload().seqLen(), r.speedup());
            }
            int i = 0;
            for (XYSeries s : series.values()) {
                data.addSeries(s);
                int c = colors.get((String) s.getKey());
                renderer.setSeriesPaint(i, ChartStyle.color(c));
                renderer.setSeriesStroke(i, ((String) s.getKey()).contains("SparQ") ? ChartStyle.DASHED : ChartStyle.LINE);
                i++;
            }
            NumberAxis y = new NumberAxis(phase.id());
            y.setAutoRangeIncludesZero(false);
            XYPlot sub = new XYPlot(data, null, y, renderer);
            sub.addRangeMarker(new ValueMarker(1.0, ChartStyle.GRID.darker(), ChartStyle.DASHED));
            ChartStyle.grid(sub);
            plot.add(sub, 1);
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (Map.Entry<String, Integer> e : colors.entrySet()) {
            legend.add(new LegendItem(e.getKey(), ChartStyle.color(e.getValue())));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart("Speed-up over " + baseline + " (x) on " + hardwareId + ", " + batch, plot);
        ChartStyle.apply(chart);
        return new ChartSpec("speedup-" + hardwareId + ".png", "Speed-ups", chart,
                "Predicted speed-up over " + baseline + " (its time / the variant's time) at " + batch
                        + ", per phase; dashed lines are SparQ decode steps. Model: attnsim roofline on the "
                        + hardwareId + " profile.");
    }
}
