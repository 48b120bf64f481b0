package org.attnsim.reports.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Sweep;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class PointLabelsTest {

    static final Rectangle2D AREA = new Rectangle2D.Double(0, 0, 400, 300);

    static List<Rectangle2D> place(List<Point2D> anchors, List<Double> widths, List<Point2D> markers) {
        return PointLabels.place(anchors, widths.stream().map(w -> (Rectangle2D) new Rectangle2D.Double(0, 0, w, 10))
                .toList(), anchors.stream().map(a -> false).toList(), markers, AREA);
    }

    static Point2D at(double x, double y) {
        return new Point2D.Double(x, y);
    }

    @Test
    void aLoneLabelSitsRightOfItsPointCentredOnIt() {
        // x + 2 gaps, y - half the height.
        assertEquals(new Rectangle2D.Double(108, 95, 50, 10), place(List.of(at(100, 100)), List.of(50.0), List.of())
                .get(0));
    }

    @Test
    void aMarkerOnTheRightSendsItBelowRight() {
        // The marker's square, 116.5-123.5 by 96.5-103.5, meets the box right of the point (108-158 by 95-105) but not
        // the one below right, 104-154 by 105-115 (half the height below the point).
        assertEquals(new Rectangle2D.Double(104, 105, 50, 10),
                place(List.of(at(100, 100)), List.of(50.0), List.of(at(120, 100))).get(0));
    }

    @Test
    void atThePlotsRightEdgeItGoesLeft() {
        assertEquals(new Rectangle2D.Double(332, 95, 50, 10), place(List.of(at(390, 100)), List.of(50.0), List.of())
                .get(0));
    }

    @Test
    void theLongerOfTwoLabelsAtOnePointChoosesFirst() {
        List<Rectangle2D> boxes = place(List.of(at(100, 100), at(100, 100)), List.of(30.0, 60.0), List.of());
        assertEquals(new Rectangle2D.Double(108, 95, 60, 10), boxes.get(1));
        // Under it, touching it.
        assertEquals(new Rectangle2D.Double(104, 105, 30, 10), boxes.get(0));
    }

    @Test
    void whereNoPlaceIsFreeTheLabelStaysInsideThePlot() {
        Rectangle2D box = PointLabels.place(List.of(at(5, 5)), List.of(new Rectangle2D.Double(0, 0, 390, 295)),
                List.of(false), List.of(at(5, 5)), AREA).get(0);
        assertTrue(AREA.contains(box), box.toString());
    }

    @Test
    void theQuickstartsRooflineLabelsNeitherMeetNorCoverAPointNorLeaveThePlotAtPngOrPdfSize() {
        Scenario s = ScenarioReader.read(Path.of("..", "scenarios", "quickstart.yaml"));
        ReportCharts charts = ReportCharts.build(s, Sweep.run(s));
        List<ChartSpec> rooflines = charts.charts("Roofline");
        assertEquals(2, rooflines.size());
        for (ChartSpec c : rooflines) {
            // The PNG's canvas, and the PDF's: the text width of an A4 page by 300 points.
            for (double[] size : List.of(new double[] {1000, 600}, new double[] {495, 300})) {
                BufferedImage img = new BufferedImage((int) size[0], (int) size[1], BufferedImage.TYPE_INT_RGB);
                ChartRenderingInfo info = new ChartRenderingInfo();
                c.chart().draw(img.createGraphics(), new Rectangle2D.Double(0, 0, size[0], size[1]), info);
                Rectangle2D area = info.getPlotInfo().getDataArea();
                XYPlot plot = c.chart().getXYPlot();
                PointLabels labels = (PointLabels) plot.getAnnotations().get(0);
                List<Rectangle2D> boxes = labels.placed();
                // The two ridges' and at least one for each phase's points.
                assertTrue(boxes.size() >= 5, boxes.toString());
                String where = c.fileName() + " at " + size[0] + " x " + size[1] + ": ";
                for (int i = 0; i < boxes.size(); i++) {
                    assertTrue(area.contains(boxes.get(i)), where + boxes.get(i) + " outside " + area);
                    for (int j = i + 1; j < boxes.size(); j++) {
                        assertFalse(boxes.get(i).createIntersection(boxes.get(j)).getWidth() > 0
                                && boxes.get(i).createIntersection(boxes.get(j)).getHeight() > 0,
                                where + boxes.get(i) + " meets " + boxes.get(j));
                    }
                }
                XYDataset data = plot.getDataset();
                int points = 0;
                for (int series = 0; series < data.getSeriesCount(); series++) {
                    if (!Boolean.TRUE.equals(((XYLineAndShapeRenderer) plot.getRenderer()).getSeriesShapesVisible(
                            series))) {
                        continue;
                    }
                    for (int item = 0; item < data.getItemCount(series); item++) {
                        double x = plot.getDomainAxis().valueToJava2D(data.getXValue(series, item), area,
                                plot.getDomainAxisEdge());
                        double y = plot.getRangeAxis().valueToJava2D(data.getYValue(series, item), area,
                                plot.getRangeAxisEdge());
                        points++;
                        for (Rectangle2D b : boxes) {
                            assertFalse(b.contains(x, y), where + b + " covers the point at " + x + ", " + y);
                        }
                    }
                }
                assertTrue(points >= 10, where + points + " points");
            }
        }
    }
}
