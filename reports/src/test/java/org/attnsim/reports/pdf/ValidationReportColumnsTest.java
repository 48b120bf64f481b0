package org.attnsim.reports.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.attnsim.reports.table.ValidationTable;
import org.junit.jupiter.api.Test;

class ValidationReportColumnsTest {

    static List<String> headers(int[] columns) {
        return Arrays.stream(columns).mapToObj(ValidationTable.HEADERS::get).toList();
    }

    @Test
    void thePdfSplitsTheConsoleTableIntoTimesAndSpeedUps() {
        assertEquals(List.of("variant", "attention", "phase", "seq", "batch", "predicted", "measured", "95% CI", "error",
                "bound"), headers(ValidationReport.TIME_COLUMNS));
        assertEquals(List.of("variant", "attention", "phase", "seq", "batch", "predicted speed-up", "measured speed-up",
                "95% CI", "speed-up error"), headers(ValidationReport.SPEEDUP_COLUMNS));
    }

    @Test
    void thePdfSplitsTheRatesBesideIntoRatesAndSpeedUpsAtThem() {
        List<String> beside = ValidationTable.beside(List.of()).headers();
        List<String> rates = Arrays.stream(ValidationReport.BESIDE_RATE_COLUMNS).mapToObj(beside::get).toList();
        List<String> speedups = Arrays.stream(ValidationReport.BESIDE_SPEEDUP_COLUMNS).mapToObj(beside::get).toList();
        assertEquals(List.of("variant", "attention", "phase", "seq", "batch", "measured", "triad beside", "of profile",
                "row updates beside", "of profile", "overlap p beside", "predicted at them", "error at them"), rates);
        assertEquals(List.of("variant", "attention", "phase", "seq", "batch", "speed-up at them",
                "speed-up error at them"), speedups);
    }
}
