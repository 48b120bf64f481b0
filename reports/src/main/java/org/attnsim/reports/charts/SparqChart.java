package org.attnsim.reports.charts;

import java.util.ArrayList;
import java.util.List;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.cost.SparqTransfer;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.Shape;
import org.attnsim.sim.scenario.Sweep;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * SparQ's design space for the baseline variant's decode step at the scenario's longest cache: the
 * predicted speed-up over dense decoding (solid) and the paper's transfer ratio (dashed) against r, one
 * colour per k. The points are extra predictions made for this chart, not rows of the scenario.
 */
public final class SparqChart {

    static final int[] KS = {64, 128, 256, 512};

    private SparqChart() {
    }

    public static ChartSpec build(Scenario s, HardwareProfile hw) {
        int seq = s.seqLens().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int batch = s.shapes().stream().filter(x -> x.seqLen() == seq).findFirst().orElseThrow().batch();
        var v = s.baseline();
        int d = v.shape().headDim();
        KeyLayout layout = s.sparq().isEmpty() ? KeyLayout.TWICE : s.sparq().get(0).keyLayout();
        Workload w = Sweep.workload(s, Phase.DECODE, new Shape(seq, batch));
        double dense = Simulator.predict(Sweep.point(s, v, w, null, hw)).seconds();
        List<Integer> rs = new ArrayList<>();
        for (int r = 1; r <= d; r *= 2) {
            rs.add(r);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int n = 0;
        int c = 0;
        for (int k : KS) {
            if (k > seq) {
                continue;
            }
            XYSeries predicted = new XYSeries("k " + k + " predicted");
            XYSeries theory = new XYSeries("k " + k + " transfer ratio");
            for (int r : rs) {
                SparqConfig cfg = new SparqConfig(r, k, 0, layout, true);
                double t = Simulator.predict(Sweep.point(s, v, w, cfg, hw)).seconds();
                predicted.add(r, dense / t);
                theory.add(r, 1 / SparqTransfer.compressionRatio(seq, d, r, k));
            }
            data.addSeries(predicted);
            renderer.setSeriesPaint(n, ChartStyle.color(c));
            renderer.setSeriesStroke(n++, ChartStyle.LINE);
            data.addSeries(theory);
            renderer.setSeriesPaint(n, ChartStyle.color(c++));
            renderer.setSeriesShapesVisible(n, false);
            renderer.setSeriesStroke(n++, ChartStyle.DASHED);
        }
        XYPlot plot = new XYPlot(data, ChartStyle.logAxis("r (query components used for approximate scores)", 2),
                ChartStyle.logAxis("speed-up over dense (x)", 2), renderer);
        ChartStyle.grid(plot);
        JFreeChart chart = new JFreeChart("SparQ: " + v.label() + " decode, " + Slice.tokens(seq) + " cache, "
                + hw.id(), plot);
        ChartStyle.apply(chart);
        return new ChartSpec("sparq-" + hw.id() + ".png", "SparQ", chart,
                "Batch " + batch + ". Solid: predicted speed-up of SparQ (K stored " + layout.id() + ", scope " + s.scope().id()
                        + ") over dense decoding; dashed: the paper's transfer ratio (2 S d + 2 d) / (S r + 2 k d + 4 d)."
                        + " The gap is launch latency, the fp32 approximate scores, top-k passes and whole-sector reads.");
    }
}
