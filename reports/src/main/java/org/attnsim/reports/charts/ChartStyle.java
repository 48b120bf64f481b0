package org.attnsim.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;

/** One look for every chart: DejaVu Sans, white background, light grid, a colour-blind-safe palette. */
public final class ChartStyle {

    /** Okabe and Ito's colour-blind-safe palette (2008), black last. */
    static final Paint[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66),
        new Color(0, 0, 0)};
    static final Color GRID = new Color(220, 220, 220);
    static final BasicStroke LINE = new BasicStroke(2.0f);
    /** Dash patterns, one for each of several kinds of dashed line on one chart. */
    private static final float[][] DASHES = {{6f, 4f}, {2f, 3f}, {9f, 3f, 2f, 3f}, {14f, 4f}};
    static final BasicStroke DASHED = dashed(0);

    private ChartStyle() {
    }

    public static Paint color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The {@code i}th dashed line: dashes, dots, dash-dots, long dashes, then again. */
    static BasicStroke dashed(int i) {
        return new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASHES[i % DASHES.length], 0f);
    }

    public static void apply(JFreeChart chart) {
        keepSeriesStyle(chart.getPlot());
        StandardChartTheme theme = new StandardChartTheme("attnsim");
        theme.setExtraLargeFont(ReportFonts.font(Font.BOLD, 15f));
        theme.setLargeFont(ReportFonts.font(Font.BOLD, 12f));
        theme.setRegularFont(ReportFonts.font(Font.PLAIN, 11f));
        theme.setSmallFont(ReportFonts.font(Font.PLAIN, 9f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
    }

    /**
     * The theme clears the series paints and strokes of renderers that auto-populate them; the charts
     * set their own (one colour per variant across panels), so those must survive.
     */
    private static void keepSeriesStyle(Plot plot) {
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (XYPlot sub : combined.getSubplots()) {
                keepSeriesStyle(sub);
            }
        }
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getRendererCount(); i++) {
                if (xy.getRenderer(i) instanceof AbstractRenderer r) {
                    r.setAutoPopulateSeriesPaint(false);
                    r.setAutoPopulateSeriesStroke(false);
                }
            }
        }
    }

    /** A log axis with one tick a decade (or an octave for base 2) and plain labels. */
    public static LogAxis logAxis(String label, double base) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(base);
        axis.setTickUnit(new NumberTickUnit(1.0));
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        return axis;
    }

    /** A log axis whose labels carry SI prefixes with a unit, e.g. "100 TFLOP/s". */
    public static LogAxis siLogAxis(String label, String unit) {
        LogAxis axis = logAxis(label, 10);
        axis.setNumberFormatOverride(new SiFormat(unit));
        return axis;
    }

    static void grid(XYPlot plot) {
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setBackgroundPaint(Color.WHITE);
    }
}
