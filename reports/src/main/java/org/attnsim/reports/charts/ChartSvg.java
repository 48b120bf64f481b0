package org.attnsim.reports.charts;

import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A chart as an SVG document: every line, bar and label a vector element, text kept as text (so that it can be
 * searched and edited), drawn by Apache Batik's SVG generator on the JDK's own DOM.
 */
public final class ChartSvg {

    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final String FONT_FAMILY = "font-family";
    private static final String GENERIC = "sans-serif";

    private ChartSvg() {
    }

    /** The chart drawn on a {@code width} x {@code height} canvas, as UTF-8 SVG. */
    public static byte[] of(JFreeChart chart, int width, int height) {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument(SVG_NAMESPACE, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML DOM in this Java runtime", e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(doc);
        context.setComment(chart.getTitle() == null ? "attnsim chart" : "attnsim chart: " + chart.getTitle().getText());
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        Element root = g.getRoot();
        root.setAttribute("viewBox", "0 0 " + width + " " + height);
        withGenericFallback(root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            g.stream(root, w, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Batik names the font family alone (the charts' DejaVu Sans, and Java's logical "Dialog" at the root, which
     * no SVG viewer knows), so a viewer without it would fall back to its default, often a serif: each family
     * gets sans-serif after it, and Dialog becomes sans-serif.
     */
    private static void withGenericFallback(Element element) {
        String family = element.getAttribute(FONT_FAMILY);
        if (!family.isEmpty()) {
            element.setAttribute(FONT_FAMILY, family.equals("'Dialog'") ? GENERIC : family + ", " + GENERIC);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                withGenericFallback(e);
            }
        }
    }
}
