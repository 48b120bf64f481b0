package org.attnsim.reports.charts;

import org.jfree.chart.JFreeChart;

/**
 * A chart ready to draw: the file name its PNG gets, the report section it belongs to, and a caption
 * that says where its numbers come from.
 */
public record ChartSpec(String fileName, String section, JFreeChart chart, String caption) {

    /** The file name its SVG gets: the PNG's, ending in .svg. */
    public String svgFileName() {
        return fileName.replaceFirst("\\.png$", "") + ".svg";
    }
}
