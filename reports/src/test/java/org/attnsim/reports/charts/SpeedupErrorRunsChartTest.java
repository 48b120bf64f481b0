package org.attnsim.reports.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnsim.reports.table.ValidationRunsTest;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

class SpeedupErrorRunsChartTest {

    @Test
    void everyRunIsASeriesOfTheSpeedUpErrorsInPercentAndTheBaselineIsLeftOut() {
        ChartSpec spec = SpeedupErrorRunsChart.build(ValidationRunsTest.THREE);
        CategoryPlot plot = spec.chart().getCategoryPlot();
        CategoryDataset data = plot.getDataset();
        assertEquals(List.of("run 1", "run 2", "run 3"), data.getRowKeys());
        assertEquals(List.of("SQA forward 2k b1"), data.getColumnKeys(), "the baseline has no speed-up error");
        assertEquals(5.0, data.getValue(0, 0).doubleValue(), 1e-9);
        assertEquals(-12.0, data.getValue(1, 0).doubleValue(), 1e-9);
        assertEquals(20.0, data.getValue(2, 0).doubleValue(), 1e-9);
        IntervalMarker goal = (IntervalMarker) plot.getRangeMarkers(Layer.BACKGROUND).stream()
                .filter(m -> m instanceof IntervalMarker).findFirst().orElseThrow();
        assertEquals(-10, goal.getStartValue(), 0);
        assertEquals(10, goal.getEndValue(), 0);
        // From -15% (half the band again below it) to the +20% dot, with 5% of that span either side.
        assertEquals(-15 - 1.75, plot.getRangeAxis().getLowerBound(), 1e-9);
        assertEquals(20 + 1.75, plot.getRangeAxis().getUpperBound(), 1e-9);
        assertTrue(spec.caption().contains("3 runs"), spec.caption());
        assertTrue(ReportCharts.png(spec).length > 0);
    }
}
