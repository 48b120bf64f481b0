package org.attnsim.reports.charts;

import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Line2D;
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
        // A SparQ line takes its variant's colour, dashed, one dash pattern per SparQ setting.
        Map<String, Integer> colors = new LinkedHashMap<>();
        Map<String, Integer> dashes = new LinkedHashMap<>();
        Map<String, ResultRow> lines = new LinkedHashMap<>();
        for (ResultRow r : hw) {
            colors.putIfAbsent(r.variant().label(), colors.size());
            if (r.prediction().point().sparq() != null) {
                dashes.putIfAbsent(r.prediction().point().sparq().label(), dashes.size());
            }
            lines.putIfAbsent(Slice.label(r), r);
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
                ResultRow line = lines.get((String) s.getKey());
                renderer.setSeriesPaint(i, paint(line, colors));
                renderer.setSeriesStroke(i, stroke(line, dashes));
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
        for (Map.Entry<String, ResultRow> e : lines.entrySet()) {
            legend.add(new LegendItem(e.getKey(), null, null, null, new Line2D.Double(-10, 0, 10, 0),
                    stroke(e.getValue(), dashes), paint(e.getValue(), colors)));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart("Speed-up over " + baseline + " (x) on " + hardwareId + ", " + batch, plot);
        ChartStyle.apply(chart);
        return new ChartSpec("speedup-" + hardwareId + ".png", "Speed-ups", chart,
                "Predicted speed-up over " + baseline + " (its time / the variant's time) at " + batch
                        + ", per phase; dashed lines, in their variant's colour, are SparQ decode steps (a dash "
                        + "pattern for each SparQ setting). Model: attnsim roofline on the " + hardwareId
                        + " profile.");
    }

    private static Paint paint(ResultRow r, Map<String, Integer> colors) {
        return ChartStyle.color(colors.get(r.variant().label()));
    }

    private static Stroke stroke(ResultRow r, Map<String, Integer> dashes) {
        return r.prediction().point().sparq() == null ? ChartStyle.LINE
                : ChartStyle.dashed(dashes.get(r.prediction().point().sparq().label()));
    }
}
