package org.attnsim.reports.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Sweep;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartSvgTest {

    static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // Batik names the SVG 1.0 DTD by its web address: never fetch it.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    static JFreeChart line() {
        XYSeries s = new XYSeries("xSQA over MHA");
        s.add(1024, 1.5);
        s.add(4096, 2.5);
        s.add(16384, 3.5);
        ReportFonts.registerWithAwt();
        JFreeChart chart = ChartFactory.createXYLineChart("speed-up by length", "sequence length (tokens)",
                "speed-up (x)", new XYSeriesCollection(s));
        ChartStyle.apply(chart);
        return chart;
    }

    @Test
    void aChartIsAnSvgOfItsCanvasWithItsWordsAsTextAndNoPicture() throws Exception {
        Document doc = parse(ChartSvg.of(line(), 800, 500));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("800", root.getAttribute("width"));
        assertEquals("500", root.getAttribute("height"));
        assertEquals("0 0 800 500", root.getAttribute("viewBox"));
        List<String> texts = texts(doc);
        // JFreeChart draws the rotated axis label through a TextLayout, which Batik writes as outlines.
        for (String words : List.of("speed-up by length", "sequence length (tokens)", "xSQA over MHA", "16,000")) {
            assertTrue(texts.contains(words), words + " in " + texts);
        }
        assertEquals(0, doc.getElementsByTagNameNS("*", "image").getLength(), "no raster picture inside");
        assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() > 0, "the line and the axes are paths");
    }

    @Test
    void everyFontFamilyEndsInAGenericOneSoThatAViewerWithoutItStaysSansSerif() throws Exception {
        String svg = new String(ChartSvg.of(line(), 800, 500), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("font-family:([^;\"]*)").matcher(svg);
        int families = 0;
        while (m.find()) {
            families++;
            assertTrue(m.group(1).strip().endsWith("sans-serif"), m.group(1));
            assertTrue(!m.group(1).contains("Dialog"), "Java's logical font is no SVG family: " + m.group(1));
        }
        assertTrue(families > 1, svg);
    }

    @Test
    void theSameChartGivesTheSameBytes() {
        assertArrayEquals(ChartSvg.of(line(), 800, 500), ChartSvg.of(line(), 800, 500));
    }

    @Test
    void everyChartOfTheQuickstartIsAnSvgWithItsTitle() throws Exception {
        Scenario s = ScenarioReader.read(Path.of("..", "scenarios", "quickstart.yaml"));
        ReportCharts charts = ReportCharts.build(s, Sweep.run(s));
        assertEquals(14, charts.charts().size());
        for (ChartSpec c : charts.charts()) {
            Document doc = parse(ReportCharts.svg(c));
            assertTrue(texts(doc).contains(c.chart().getTitle().getText()), c.fileName());
            assertEquals(c.fileName().replace(".png", ".svg"), c.svgFileName());
        }
    }
}
