package org.attnsim.reports.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.reports.charts.ChartSpec;
import org.attnsim.reports.charts.ReportCharts;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Sweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PdfReportTest {

    static final LocalDate DATE = LocalDate.of(2026, 11, 22);
    static Scenario scenario;
    static List<ResultRow> rows;
    static ReportCharts charts;
    static byte[] pdf;

    @BeforeAll
    static void render() {
        scenario = ScenarioReader.read(Path.of("..", "scenarios", "quickstart.yaml"));
        rows = Sweep.run(scenario);
        charts = ReportCharts.build(scenario, rows);
        pdf = PdfReport.render(scenario, rows, charts, "test", DATE);
    }

    @Test
    void hasTheSectionsAndHeadlinesAsText() throws IOException {
        String text = text(pdf);
        for (String section : List.of("attnsim report", "Summary", "Speed-ups over MHA", "Phase: train",
                "Phase: prefill", "Phase: decode", "Roofline", "Memory", "SparQ decoding",
                "Appendix A: formulas and assumptions", "Appendix B: hardware profiles", "Date: 2026-11-22")) {
            assertTrue(text.contains(section), section);
        }
        List<String> headlines = Headlines.of(scenario, rows);
        assertTrue(headlines.size() >= 6);
        String flat = text.replaceAll("\\s+", " ");
        for (String h : headlines) {
            assertTrue(flat.contains(h), () -> "headline missing: " + h);
        }
        assertTrue(flat.contains("xSQA trains 3.99x faster than MHA at 64k tokens, batch 8, on a100-80gb-sxm"), flat);
        // Every profile figure's source is printed (appendix B).
        assertTrue(flat.contains("NVIDIA A100 datasheet: GPU memory bandwidth 2,039 GB/s (80GB SXM)"));
    }

    @Test
    void tableValuesAreTheCsvValues() throws IOException {
        String flat = text(pdf).replaceAll("\\s+", " ");
        for (ResultRow r : rows) {
            String time = Quantity.formatSeconds(r.prediction().seconds());
            String speedup = String.format(Locale.ROOT, "%.2fx", r.speedup());
            String cells = r.variant().label() + " " + r.prediction().point().shape().queryHeads() + "/"
                    + r.prediction().point().shape().kvHeads();
            assertTrue(flat.contains(cells), cells);
            assertTrue(flat.contains(time + " " + speedup), () -> "row " + cells + " " + time + " " + speedup);
        }
    }

    @Test
    void fontsAreEmbeddedAndChartsAreVectors() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 12, "pages: " + doc.getNumberOfPages());
            int fonts = 0;
            int forms = 0;
            for (PDPage page : doc.getPages()) {
                int[] counts = inspect(page.getResources());
                fonts += counts[0];
                forms += counts[1];
            }
            assertTrue(fonts > 0);
            assertEquals(charts.charts().size(), forms, "one vector form per chart");
        }
    }

    /** Counts fonts (asserting each is embedded) and forms, failing on any raster image. */
    private static int[] inspect(PDResources res) throws IOException {
        int fonts = 0;
        int forms = 0;
        for (COSName n : res.getFontNames()) {
            PDFont f = res.getFont(n);
            assertTrue(f.isEmbedded(), f.getName() + " is embedded");
            fonts++;
        }
        for (COSName n : res.getXObjectNames()) {
            PDXObject x = res.getXObject(n);
            assertFalse(x instanceof PDImageXObject, "no raster images");
            if (x instanceof PDFormXObject form) {
                forms++;
                int[] inner = inspect(form.getResources());
                fonts += inner[0];
                forms += inner[1];
            }
        }
        return new int[] {fonts, forms};
    }

    @Test
    void sameScenarioSameContent() throws IOException {
        List<ResultRow> again = Sweep.run(scenario);
        byte[] second = PdfReport.render(scenario, again, ReportCharts.build(scenario, again), "test", DATE);
        assertEquals(text(pdf), text(second));
        for (int i = 0; i < charts.charts().size(); i++) {
            assertArrayEquals(ReportCharts.png(charts.charts().get(i)),
                    ReportCharts.png(ReportCharts.build(scenario, again).charts().get(i)), "PNG " + i);
        }
    }

    @Test
    void aFailedChartIsReportedAndTheRestIsWritten() throws IOException {
        List<ChartSpec> kept = new ArrayList<>(charts.charts());
        ChartSpec lost = kept.remove(0);
        ReportCharts partial = ReportCharts.of(kept, List.of(new ReportCharts.Failure(lost.fileName(), lost.section(),
                "IllegalStateException: test failure")));
        String text = text(PdfReport.render(scenario, rows, partial, "test", DATE));
        assertTrue(text.contains("could not be drawn: IllegalStateException: test failure"), text);
        assertTrue(text.contains("Appendix B: hardware profiles"));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
