package org.attnsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.validate.ValidationRow;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

public class ValidationTableTest {

    @Test
    void aStageWhoseIntervalReachesZeroHasNoError() {
        HardwareProfile hw = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        Workload w = Workload.of(Phase.DECODE, 4096, 2, true, Dtype.FP32, Algorithm.TILED, "test");
        SparqConfig c = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        Point p = new Point("MHA + SparQ", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, c, hw, Terms.defaults());
        Prediction prediction = Simulator.predict(p);
        double scores = prediction.ops().get(0).seconds();
        List<Measurement> stages = List.of(new Measurement("scores", scores / 2, scores / 2 * 0.9, scores / 2 * 1.1, 9, "dev",
                false), new Measurement("top-k", 1e-5, -2e-5, 4e-5, 9, "dev", false),
                new Measurement("exact", 1e-4, 5e-5, 2e-4, 9, "dev", false));
        Measurement whole = new Measurement("step", 2e-3, 1.9e-3, 2.1e-3, 9, "dev", false);
        ValidationRow row = new ValidationRow(new VariantChoice(Variant.MHA, shape, "MHA"), prediction, whole, 1, null, stages,
                prediction, hw.deviceMemory().bandwidthBytesPerSecond().value(),
                hw.matrixPeak(Dtype.FP32) * hw.efficiency().matrixFraction().value(), 1.5,
                ValidationRow.RoundErrors.atMedians(prediction.seconds(), prediction.seconds(), 2e-3, 1,
                        hw.deviceMemory().bandwidthBytesPerSecond().value(),
                        hw.matrixPeak(Dtype.FP32) * hw.efficiency().matrixFraction().value()));

        List<List<String>> cells = ValidationTable.stages(List.of(row)).rows();
        int error = ValidationTable.stages(List.of(row)).headers().indexOf("error");
        // Predicted twice the measured median: +100%.
        assertEquals("+100.0%", cells.get(0).get(error));
        // A top-k of 10 us whose interval runs from -20 to 40 us: noise, not a measured time.
        assertEquals("unresolved", cells.get(1).get(error));
    }

    /** A dense point whose measured speed-up over the baseline is the interval given (null: the baseline). */
    static ValidationRow speedupRow(double predictedSpeedup, MedianInterval measured) {
        return speedupRow("MHA", predictedSpeedup, measured);
    }

    /** The same, labelled, predicted at the rates beside it as on the profile. */
    static ValidationRow speedupRow(String label, double predictedSpeedup, MedianInterval measured) {
        return speedupRow(label, predictedSpeedup, measured, predictedSpeedup);
    }

    /** The same, with the speed-up predicted at the rates beside it. */
    public static ValidationRow speedupRow(String label, double predictedSpeedup, MedianInterval measured,
            double predictedAtBeside) {
        HardwareProfile hw = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        Workload w = Workload.of(Phase.FORWARD, 2048, 1, true, Dtype.FP32, Algorithm.TILED, "test");
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        Point p = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, null, hw, Terms.defaults());
        Prediction prediction = Simulator.predict(p);
        Measurement whole = new Measurement("step", prediction.seconds(), prediction.seconds(), prediction.seconds(), 9,
                "dev", false);
        return new ValidationRow(new VariantChoice(Variant.MHA, shape, label), prediction, whole, predictedSpeedup,
                measured, List.of(), prediction, hw.deviceMemory().bandwidthBytesPerSecond().value(),
                hw.matrixPeak(Dtype.FP32) * hw.efficiency().matrixFraction().value(), 1.5,
                ValidationRow.RoundErrors.atMedians(prediction.seconds(), prediction.seconds() * predictedAtBeside,
                        prediction.seconds(), measured == null ? 1 : measured.median(),
                        hw.deviceMemory().bandwidthBytesPerSecond().value(),
                        hw.matrixPeak(Dtype.FP32) * hw.efficiency().matrixFraction().value()));
    }

    @Test
    void theSpeedUpsIntervalIsShownAndCountedAgainstThePrediction() {
        List<ValidationRow> rows = List.of(speedupRow(1, null),
                speedupRow("A", 2.0, new MedianInterval(1.9, 1.8, 2.1, 20), 1.9),
                speedupRow("B", 4.0, new MedianInterval(3.0, 2.8, 3.3, 20), 3.15),
                speedupRow("C", 1.2, new MedianInterval(2.0, 1.9, 2.1, 20), 1.7));
        int interval = ValidationTable.HEADERS.lastIndexOf("95% CI");
        assertEquals("-", ValidationTable.cells(rows.get(0)).get(interval));
        assertEquals("1.80 .. 2.10x", ValidationTable.cells(rows.get(1)).get(interval));
        // 2.0 lies in 1.8 .. 2.1, 4.0 not in 2.8 .. 3.3, 1.2 not in 1.9 .. 2.1; the baseline is no speed-up of its
        // own.
        String summary = ValidationTable.summary(rows);
        assertTrue(summary.contains("inside the measured one's 95% interval for 1 of 3"), summary);
        // Errors 2 / 1.9 - 1 = +5.3%, 4 / 3 - 1 = +33.3% and 1.2 / 2 - 1 = -40.0%: median of their sizes 33.3%, the
        // worst C's, with its sign; only A's within 10%.
        assertTrue(summary.contains("speed-ups: median |error| +33.3%, worst -40.0% (C dense forward S 2048 batch 1), "
                + "1 of 3 within 10% of the predicted one"), summary);
        // At the rates beside: 1.9 / 1.9 - 1 = 0, 3.15 / 3 - 1 = +5.0%, 1.7 / 2 - 1 = -15.0%: median 5.0%, worst C's,
        // two within 10%.
        assertTrue(summary.endsWith("speed-ups: median |error| +5.0%, worst -15.0% (C dense forward S 2048 batch 1), "
                + "2 of 3 within 10%"), summary);
        var fields = ValidationTable.fields(rows);
        assertEquals(-0.15, (double) fields.get(3).get("speedupErrorAtRatesBeside"), 1e-12);
        assertEquals(null, fields.get(0).get("measuredSpeedupLow"));
        assertEquals(2.8, fields.get(2).get("measuredSpeedupLow"));
        assertEquals(3.3, fields.get(2).get("measuredSpeedupHigh"));
    }
}
