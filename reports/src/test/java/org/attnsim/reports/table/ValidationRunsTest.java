package org.attnsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.validate.ValidationRow;
import org.junit.jupiter.api.Test;

public class ValidationRunsTest {

    private static final MedianInterval ONE = new MedianInterval(1.0, 0.9, 1.1, 9);

    /** A run of the baseline and one point whose measured speed-up is 1 and predicted one is given. */
    private static List<ValidationRow> run(double predicted, double predictedAtBeside) {
        return List.of(ValidationTableTest.speedupRow("MHA", 1, null),
                ValidationTableTest.speedupRow("SQA", predicted, ONE, predictedAtBeside));
    }

    /** Three runs of a baseline and SQA: speed-up errors +5%, -12% and +20% on the profile; +5%, -8%, +9% beside. */
    public static final ValidationRuns THREE = new ValidationRuns(List.of(run(1.05, 1.05), run(0.88, 0.92),
            run(1.20, 1.09)));

    @Test
    void eachPointHasItsMedianAndRangeOverTheRuns() {
        TextTable t = THREE.byPoint();
        List<String> sqa = t.rows().get(1);
        int error = t.headers().indexOf("speed-up error");
        assertEquals("+5.0%", sqa.get(error));
        assertEquals("-12.0% .. +20.0%", sqa.get(error + 1));
        assertEquals("1 of 3", sqa.get(error + 2), "only +5% is within 10%");
        assertEquals("+5.0%", sqa.get(error + 3), "the median of +5%, -8% and +9%");
        assertEquals("3 of 3", sqa.get(error + 4));
        assertEquals("baseline", t.rows().get(0).get(error));
    }

    @Test
    void eachRunSaysWhetherItsGoalsHeld() {
        TextTable t = THREE.byRun();
        assertEquals(3, t.rows().size());
        int within = t.headers().indexOf("speed-ups within 10%");
        assertEquals(List.of("1 of 1", "0 of 1", "0 of 1"), t.rows().stream().map(r -> r.get(within)).toList());
        assertTrue(t.rows().get(2).get(within - 1).startsWith("+20.0% (SQA dense forward S 2048 batch 1)"),
                t.rows().get(2).toString());
    }

    @Test
    void theSummaryCountsTheRunsInWhichEachGoalHeld() {
        // The measured times equal the predictions: every run's median |error| is 0.
        assertEquals("3 runs: median |error| within 15% in 3 of them (3 at the rates beside), every speed-up within "
                + "10% of the predicted one in 1 (3 at the rates beside); missed by more than that in more than half the "
                + "runs: SQA dense forward S 2048 batch 1 (median +5.0%, +5.0% at the rates beside)", THREE.summary());
    }

    @Test
    void theFieldsHoldEveryRunsErrorInOrder() {
        List<Map<String, Object>> f = THREE.fields();
        assertEquals("0.0500 -0.1200 0.2000", f.get(1).get("speedupErrorByRun"));
        assertEquals(1L, f.get(1).get("speedupRunsWithin"));
        assertEquals(3L, f.get(1).get("speedupRunsWithinAtRatesBeside"));
        assertEquals(0.05, (double) f.get(1).get("speedupErrorMedian"), 1e-12);
        assertEquals(-0.12, (double) f.get(1).get("speedupErrorMin"), 1e-12);
        assertNull(f.get(0).get("speedupErrorMedian"), "the baseline has no speed-up error");
        assertEquals(3, f.get(0).get("runs"));
    }

    @Test
    void runsOfDifferentPointsAreRefused() {
        List<ValidationRow> other = List.of(ValidationTableTest.speedupRow("MHA", 1, null),
                ValidationTableTest.speedupRow("GQA", 1, ONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ValidationRuns(List.of(run(1, 1), other)));
        assertTrue(e.getMessage().contains("GQA dense forward"), e.getMessage());
    }
}
