package org.attnsim.reports.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Sweep;
import org.jfree.chart.LegendItem;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class SpeedupChartTest {

    static CombinedDomainXYPlot plot(String scenario, String hardware) {
        Scenario s = ScenarioReader.read(Path.of("..", "scenarios", scenario));
        return (CombinedDomainXYPlot) SpeedupChart.build(Sweep.run(s), hardware).chart().getPlot();
    }

    static XYPlot decode(CombinedDomainXYPlot plot) {
        List<XYPlot> panels = plot.getSubplots();
        XYPlot last = panels.get(panels.size() - 1);
        assertEquals("decode", last.getRangeAxis().getLabel());
        return last;
    }

    static int series(XYPlot panel, String key) {
        return panel.getDataset().indexOf(key);
    }

    @Test
    void aSparqLineHasItsVariantsColourDashedAndTheDenseLineIsSolid() {
        XYPlot panel = decode(plot("quickstart.yaml", "h100-sxm"));
        for (String v : List.of("MHA", "GQA", "SQA", "sSQA", "xSQA")) {
            int dense = series(panel, v);
            int sparq = series(panel, v + " + SparQ twice r32 k256");
            assertTrue(dense >= 0 && sparq >= 0, v);
            assertEquals(panel.getRenderer().getSeriesPaint(dense), panel.getRenderer().getSeriesPaint(sparq), v);
            assertNull(((BasicStroke) panel.getRenderer().getSeriesStroke(dense)).getDashArray(), v);
            assertNotNull(((BasicStroke) panel.getRenderer().getSeriesStroke(sparq)).getDashArray(), v);
        }
        assertFalse(panel.getRenderer().getSeriesPaint(series(panel, "MHA"))
                .equals(panel.getRenderer().getSeriesPaint(series(panel, "GQA"))));
    }

    @Test
    void twoSparqSettingsOfOneVariantAreTwoDashPatternsAndTheLegendDrawsEachLine() {
        CombinedDomainXYPlot plot = plot("sparq-paper.yaml", "a100-40gb-sxm");
        XYPlot panel = decode(plot);
        float[] twice = ((BasicStroke) panel.getRenderer().getSeriesStroke(series(panel,
                "MHA + SparQ twice r32 k128"))).getDashArray();
        float[] once = ((BasicStroke) panel.getRenderer().getSeriesStroke(series(panel,
                "MHA + SparQ once r32 k128"))).getDashArray();
        assertNotNull(twice);
        assertNotNull(once);
        assertFalse(java.util.Arrays.equals(twice, once));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < plot.getFixedLegendItems().getItemCount(); i++) {
            LegendItem item = plot.getFixedLegendItems().get(i);
            labels.add(item.getLabel());
            assertTrue(item.isLineVisible(), item.getLabel());
            assertEquals(panel.getRenderer().getSeriesPaint(series(panel, item.getLabel())), item.getLinePaint());
        }
        assertEquals(List.of("MHA", "MHA + SparQ twice r32 k128", "MHA + SparQ once r32 k128"), labels);
        assertArrayEquals(once, ((BasicStroke) plot.getFixedLegendItems().get(2).getLineStroke()).getDashArray());
    }
}
