package org.attnsim.reports.pdf;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitWidthDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.util.Matrix;
import org.attnsim.reports.charts.ReportFonts;
import org.jfree.chart.JFreeChart;

/**
 * A top-to-bottom flow of text, tables and vector charts on A4 pages, with embedded DejaVu fonts,
 * bookmarks for headings and "page i of n" footers. Charts are drawn through graphics2d as PDF vector
 * operators, their text as text in the embedded font.
 */
final class PdfLayout implements Closeable {

    static final float MARGIN = 50f;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    static final float BOTTOM = MARGIN + 20f;

    private final PDDocument doc = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private final PdfBoxGraphics2DFontTextDrawer chartFonts = new PdfBoxGraphics2DFontTextDrawer();
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private final String footer;
    private PDPage page;
    private PDPageContentStream content;
    private float y;

    PdfLayout(String footer) throws IOException {
        this.footer = footer;
        regular = PDType0Font.load(doc, ReportFonts.regular().toFile());
        bold = PDType0Font.load(doc, ReportFonts.bold().toFile());
        chartFonts.registerFont(ReportFonts.regular().toFile());
        chartFonts.registerFont(ReportFonts.bold().toFile());
        doc.getDocumentCatalog().setDocumentOutline(outline);
        newPage();
    }

    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        content = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Starts a new page unless {@code height} points still fit on this one. */
    void ensure(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void title(String text, float size) throws IOException {
        for (String line : wrap(text, bold, size, WIDTH)) {
            ensure(size * 1.3f);
            line(line, bold, size, MARGIN, Color.BLACK);
            y -= size * 1.3f;
        }
        y -= size * 0.4f;
    }

    /** A heading, bookmarked; level 1 starts a new page. */
    void heading(String text, int level) throws IOException {
        float size = level == 1 ? 17f : 12.5f;
        if (level == 1 && y < TOP) {
            newPage();
        }
        ensure(size * 3);
        y -= level == 1 ? 0 : 6;
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(text);
        PDPageFitWidthDestination dest = new PDPageFitWidthDestination();
        dest.setPage(page);
        dest.setTop((int) (y + size));
        item.setDestination(dest);
        outline.addLast(item);
        title(text, size);
    }

    void paragraph(String text) throws IOException {
        paragraph(text, 10f, regular, Color.BLACK, 0);
    }

    void caption(String text) throws IOException {
        paragraph(text, 8.5f, regular, Color.DARK_GRAY, 0);
    }

    void bullet(String text) throws IOException {
        ensure(13f);
        line("\u2022", regular, 10f, MARGIN + 4, Color.BLACK);
        paragraph(text, 10f, regular, Color.BLACK, 16);
    }

    private void paragraph(String text, float size, PDFont font, Color color, float indent) throws IOException {
        for (String line : wrap(text, font, size, WIDTH - indent)) {
            ensure(size * 1.35f);
            line(line, font, size, MARGIN + indent, color);
            y -= size * 1.35f;
        }
        y -= size * 0.6f;
    }

    /**
     * A table with a bold header row, repeated after a page break. Columns are as wide as their widest
     * cell; when they do not fit, the widest text columns narrow (their cells then end in an ellipsis).
     */
    void table(List<String> headers, List<List<String>> rows, boolean[] right, float size) throws IOException {
        float[] widths = new float[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            // A header wraps onto two lines, so it asks only for its longest word.
            for (String word : headers.get(c).split(" ")) {
                widths[c] = Math.max(widths[c], width(word, bold, size));
            }
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], width(r.get(c), regular, size));
            }
            widths[c] += CELL_PADDING;
        }
        // Too wide: the widest text (left-aligned) columns give up room first, down to a common cap;
        // short labels and numbers are never cut.
        float total = sum(widths);
        if (total > WIDTH) {
            float low = 0;
            float high = WIDTH;
            for (int i = 0; i < 40; i++) {
                float cap = (low + high) / 2;
                float t = 0;
                for (int c = 0; c < widths.length; c++) {
                    t += right[c] ? widths[c] : Math.min(widths[c], cap);
                }
                if (t > WIDTH) {
                    high = cap;
                } else {
                    low = cap;
                }
            }
            for (int c = 0; c < widths.length; c++) {
                widths[c] = right[c] ? widths[c] : Math.min(widths[c], low);
            }
        }
        float rowHeight = size * 1.6f;
        ensure(rowHeight * 4);
        header(headers, widths, right, size);
        for (List<String> r : rows) {
            if (y - rowHeight < BOTTOM) {
                newPage();
                header(headers, widths, right, size);
            }
            tableRow(r, widths, right, size, regular, false);
        }
        y -= size;
    }

    /** {@link #table} of some columns of a wider table, in the order {@code columns} gives. */
    void table(List<String> headers, List<List<String>> rows, boolean[] right, int[] columns, float size)
            throws IOException {
        List<String> pickedHeaders = new ArrayList<>();
        boolean[] pickedRight = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            pickedHeaders.add(headers.get(columns[i]));
            pickedRight[i] = right[columns[i]];
        }
        List<List<String>> cells = new ArrayList<>();
        for (List<String> all : rows) {
            List<String> picked = new ArrayList<>();
            for (int c : columns) {
                picked.add(all.get(c));
            }
            cells.add(picked);
        }
        table(pickedHeaders, cells, pickedRight, size);
    }

    static final float CELL_PADDING = 8f;

    /**
     * The header row: each header wrapped word by word to its column (which is at least as wide as its longest
     * word), the lines of every column ending on the same baseline above the rule.
     */
    private void header(List<String> headers, float[] widths, boolean[] right, float size) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        int depth = 1;
        for (int c = 0; c < headers.size(); c++) {
            List<String> wrapped = wrap(headers.get(c), bold, size, widths[c] - CELL_PADDING / 2);
            lines.add(wrapped);
            depth = Math.max(depth, wrapped.size());
        }
        for (int k = 0; k < depth; k++) {
            List<String> row = new ArrayList<>();
            for (List<String> column : lines) {
                int line = k - (depth - column.size());
                row.add(line < 0 ? "" : column.get(line));
            }
            if (k < depth - 1) {
                float x = MARGIN;
                for (int c = 0; c < row.size(); c++) {
                    String text = fit(row.get(c), bold, size, widths[c] - CELL_PADDING / 2);
                    float tw = width(text, bold, size);
                    line(text, bold, size, right[c] ? x + widths[c] - CELL_PADDING / 2 - tw : x + 2, Color.BLACK);
                    x += widths[c];
                }
                y -= size * 1.2f;
            } else {
                tableRow(row, widths, right, size, bold, true);
            }
        }
    }

    private void tableRow(List<String> cells, float[] widths, boolean[] right, float size, PDFont font, boolean header)
            throws IOException {
        float x = MARGIN;
        for (int i = 0; i < cells.size(); i++) {
            float w = widths[i];
            String text = fit(cells.get(i), font, size, w - CELL_PADDING / 2);
            float tw = width(text, font, size);
            line(text, font, size, right[i] ? x + w - CELL_PADDING / 2 - tw : x + 2, Color.BLACK);
            x += w;
        }
        // The rule goes below the descenders of this row's text.
        y -= size * 1.3f;
        content.setStrokingColor(header ? Color.GRAY : new Color(225, 225, 225));
        content.setLineWidth(header ? 0.8f : 0.4f);
        content.moveTo(MARGIN, y);
        content.lineTo(MARGIN + Math.min(WIDTH, sum(widths)), y);
        content.stroke();
        y -= size * 0.3f;
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }

    /** Draws a chart as vector graphics, {@code height} points tall across the text width. */
    void chart(JFreeChart chart, float height) throws IOException {
        ensure(height + 4);
        PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, WIDTH, height);
        g.setFontTextDrawer(chartFonts);
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
        g.dispose();
        PDFormXObject form = g.getXFormObject();
        content.saveGraphicsState();
        content.transform(Matrix.getTranslateInstance(MARGIN, y - height));
        content.drawForm(form);
        content.restoreGraphicsState();
        y -= height + 4;
    }

    void space(float points) {
        y -= points;
    }

    /** Adds footers, sets the metadata and returns the PDF. */
    byte[] finish(String title, String subject, Calendar created) throws IOException {
        content.close();
        content = null;
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream cs = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                String num = "page " + (i + 1) + " of " + n;
                text(cs, footer, regular, 8f, MARGIN, MARGIN - 10, Color.GRAY);
                text(cs, num, regular, 8f, MARGIN + WIDTH - width(num, regular, 8f), MARGIN - 10, Color.GRAY);
            }
        }
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setCreator("attnsim");
        info.setProducer("attnsim (Apache PDFBox, graphics2d, JFreeChart)");
        info.setCreationDate(created);
        info.setModificationDate(created);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        chartFonts.close();
        doc.close();
    }

    private void line(String text, PDFont font, float size, float x, Color color) throws IOException {
        text(content, text, font, size, x, y - size, color);
    }

    private static void text(PDPageContentStream cs, String text, PDFont font, float size, float x, float y,
            Color color) throws IOException {
        cs.beginText();
        cs.setNonStrokingColor(color);
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    static float width(String text, PDFont font, float size) throws IOException {
        return font.getStringWidth(text) / 1000f * size;
    }

    /** Greedy word wrap to {@code width} points. */
    static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(candidate, font, size) <= width || line.length() == 0) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Shortens a cell with an ellipsis so that it fits its column. */
    private static String fit(String text, PDFont font, float size, float width) throws IOException {
        if (width(text, font, size) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && width(t + "\u2026", font, size) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }
}
