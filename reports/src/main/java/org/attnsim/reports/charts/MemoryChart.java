package org.attnsim.reports.charts;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.workload.Phase;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Memory footprint and KV cache against sequence length, with the device's capacity as a line. */
public final class MemoryChart {

    private MemoryChart() {
    }

    /** The phase whose memory matters most: decode (KV cache) if run, else prefill, train, forward. */
    public static Phase phaseOf(List<ResultRow> rows) {
        List<Phase> phases = Slice.phases(rows);
        for (Phase p : new Phase[] {Phase.DECODE, Phase.PREFILL, Phase.TRAIN, Phase.FORWARD}) {
            if (phases.contains(p)) {
                return p;
            }
        }
        return phases.get(0);
    }

    public static ChartSpec build(List<ResultRow> rows, HardwareProfile hw) {
        List<ResultRow> all = Slice.of(rows, hw.id(), null);
        Phase phase = phaseOf(all);
        List<ResultRow> slice = Slice.primary(Slice.of(all, hw.id(), phase));
        String batch = Slice.batchText(slice);
        Map<String, XYSeries> total = new LinkedHashMap<>();
        Map<String, XYSeries> kv = new LinkedHashMap<>();
        for (ResultRow r : slice) {
            if (r.prediction().point().sparq() != null) {
                continue;
            }
            String label = r.variant().label();
            int seq = r.prediction().point().workload().seqLen();
            total.computeIfAbsent(label + " total", XYSeries::new).add(seq, r.prediction().footprint().totalBytes());
            double cache = r.prediction().footprint().kvCacheBytes();
            if (cache > 0) {
                kv.computeIfAbsent(label + " KV cache", XYSeries::new).add(seq, cache);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int n = 0;
        int c = 0;
        for (XYSeries s : total.values()) {
            data.addSeries(s);
            renderer.setSeriesPaint(n, ChartStyle.color(c++));
            renderer.setSeriesStroke(n++, ChartStyle.LINE);
        }
        c = 0;
        for (XYSeries s : kv.values()) {
            data.addSeries(s);
            renderer.setSeriesPaint(n, ChartStyle.color(c++));
            renderer.setSeriesStroke(n++, ChartStyle.DASHED);
        }
        XYPlot plot = new XYPlot(data, ChartStyle.logAxis("sequence length (tokens)", 2),
                ChartStyle.siLogAxis("bytes", "B"), renderer);
        ChartStyle.grid(plot);
        double capacity = hw.deviceMemory().capacityBytes().value();
        ValueMarker line = new ValueMarker(capacity, Color.RED.darker(), ChartStyle.LINE);
        line.setLabel(hw.id() + " " + hw.deviceMemory().name() + " " + Quantity.format(capacity, "B"));
        line.setLabelFont(ReportFonts.font(java.awt.Font.PLAIN, 9f));
        line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(line);
        // The capacity line must be in view even when every footprint is far below it.
        double top = Math.max(capacity, data.getRangeUpperBound(false)) * 2;
        double bottom = Math.min(capacity, data.getRangeLowerBound(false)) / 2;
        plot.getRangeAxis().setRange(bottom, top);
        JFreeChart chart = new JFreeChart(phase.id() + " memory on " + hw.id() + ", " + batch, plot);
        ChartStyle.apply(chart);
        return new ChartSpec("memory-" + hw.id() + ".png", "Memory", chart,
                "Predicted " + phase.id() + " footprint (weights, training state, activations, KV cache, materialised "
                        + "scores; solid) and KV cache alone (dashed) at " + batch + ", against the "
                        + hw.id() + " profile's memory capacity (red). Dense attention; SparQ with K stored twice adds "
                        + "half of the KV cache again.");
    }
}
