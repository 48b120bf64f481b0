package org.attnsim.reports.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.attnsim.reports.charts.ReportFonts;
import org.attnsim.reports.charts.SpeedupErrorRunsChart;
import org.attnsim.reports.table.ValidationRuns;
import org.attnsim.reports.table.ValidationRunsTest;
import org.attnsim.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

class ValidationRunsReportTest {

    @Test
    void thePdfCountsTheGoalsOverTheRunsAndShowsEveryPoint() throws IOException {
        ReportFonts.registerWithAwt();
        ValidationRuns runs = ValidationRunsTest.THREE;
        byte[] pdf = ValidationRunsReport.render(ScenarioReader.read(Path.of("../scenarios/validate-local.yaml")), runs,
                SpeedupErrorRunsChart.build(runs), "test", LocalDate.of(2026, 11, 23));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("attnsim cross-check, 3 runs"), text);
            assertTrue(text.contains("every speed-up within 10% of the predicted one in 1 (3 at the rates beside)"),
                    text);
            assertTrue(text.contains("Each point over the runs"), text);
            assertTrue(text.contains("-12.0% .. +20.0%"), "SQA's range of speed-up errors in\n" + text);
        }
    }

    @Test
    void theTwoHalvesOfThePointTableEachStartWithThePoint() {
        List<String> headers = ValidationRunsTest.THREE.byPoint().headers();
        assertEquals(List.of("variant", "attention", "phase", "seq", "batch", "error", "range", "at rates beside"),
                Arrays.stream(ValidationRunsReport.TIME_COLUMNS).mapToObj(headers::get).toList());
        assertEquals(List.of("variant", "attention", "phase", "seq", "batch", "speed-up error", "range", "within 10%",
                "at rates beside", "within 10% at them"),
                Arrays.stream(ValidationRunsReport.SPEEDUP_COLUMNS).mapToObj(headers::get).toList());
    }
}
