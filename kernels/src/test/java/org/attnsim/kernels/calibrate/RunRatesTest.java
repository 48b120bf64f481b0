package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.junit.jupiter.api.Test;

class RunRatesTest {

    @Test
    void theProfileTakesTheMediansOfTheRunsMeasurements() {
        // RecalibrationTest's profile: FMA peak 100 GFLOP/s, row updates 0.6 of it, triad 30 GB/s.
        HardwareProfile calibrated = RecalibrationTest.calibrated();
        // Calibration 30 GB/s and 60 GFLOP/s, recheck 45 and 54, beside three points 25, 28, 31 and 50, 57, 66.
        HardwareProfile p = RunRates.medians(calibrated, List.of(30e9, 45e9, 25e9, 28e9, 31e9),
                List.of(60e9, 54e9, 50e9, 57e9, 66e9), List.of(20e9, 26e9, 23e9), List.of(1.3), List.of(),
                "in the run");
        assertEquals(30e9, p.deviceMemory().bandwidthBytesPerSecond().value());
        // Median 57 GFLOP/s over the 100 GFLOP/s peak.
        assertEquals(0.57, p.efficiency().matrixFraction().value(), 1e-12);
        assertEquals(57e9, p.matrixPeak(Dtype.FP32) * p.efficiency().matrixFraction().value(), 1e-3);
        // Everything else as it was.
        assertEquals(100e9, p.matrixPeak(Dtype.FP32));
        assertEquals(calibrated.efficiency().vectorFraction(), p.efficiency().vectorFraction());
        assertEquals(calibrated.exponentialsPerSecond(), p.exponentialsPerSecond());
        assertEquals(calibrated.deviceMemory().capacityBytes(), p.deviceMemory().capacityBytes());
        String source = p.deviceMemory().bandwidthBytesPerSecond().source();
        assertTrue(source.contains("median of 5 triad bandwidths in the run") && source.contains("25.0 GB/s to 45.0 GB/s"),
                source);
        // This profile has no page-run figure, overlap exponent or gathered lines in flight, and gets none.
        assertTrue(p.pageRunBytesPerSecond().isEmpty());
        assertTrue(p.overlapExponent().isEmpty());
        assertTrue(RunRates.medians(calibrated, List.of(30e9), List.of(60e9), List.of(20e9), List.of(1.3),
                List.of(8.0, 9.0), "in the run").gatherLinesInFlight().isEmpty());
    }

    @Test
    void aProfileWithPageRunsTakesTheirMedianToo() {
        HardwareProfile calibrated = RecalibrationTest.calibrated()
                .withPageRunBandwidth(new Figure(20e9, "calibrated"));
        // The calibration's 20 GB/s, then 26 and 23 beside the points: median 23 GB/s.
        HardwareProfile p = RunRates.medians(calibrated, List.of(30e9), List.of(60e9), List.of(20e9, 26e9, 23e9),
                List.of(1.3), List.of(), "in the run");
        assertEquals(23e9, p.pageRunBytesPerSecond().orElseThrow().value());
        String source = p.pageRunBytesPerSecond().orElseThrow().source();
        assertTrue(source.contains("median of 3 page-run bandwidths in the run")
                && source.contains("20.0 GB/s to 26.0 GB/s"), source);
        assertEquals(30e9, p.deviceMemory().bandwidthBytesPerSecond().value());
    }

    @Test
    void aProfileWithAnOverlapExponentTakesTheirMedianToo() {
        HardwareProfile calibrated = RecalibrationTest.calibrated()
                .withOverlapExponent(Optional.of(new Figure(2.16, "calibrated")));
        // The calibration's 2.16, then 1.31, 1.24 and 1.45 beside the points: median (1.31 + 1.45) / 2 = 1.38.
        HardwareProfile p = RunRates.medians(calibrated, List.of(30e9), List.of(60e9), List.of(20e9),
                List.of(2.16, 1.31, 1.24, 1.45), List.of(), "in the run");
        assertEquals(1.38, p.overlapExponent().orElseThrow().value(), 1e-12);
        String source = p.overlapExponent().orElseThrow().source();
        assertTrue(source.contains("median of 4 overlap exponents in the run") && source.contains("1.24 to 2.16"),
                source);
    }

    @Test
    void aProfileWithGatheredLinesInFlightTakesTheirMedianToo() {
        HardwareProfile calibrated = RecalibrationTest.calibrated()
                .withGatherLinesInFlight(Optional.of(new Figure(6.0, "calibrated")));
        // The calibration's 6.0, then 10.1, 8.6 and 9.2 beside the points: median (8.6 + 9.2) / 2 = 8.9.
        HardwareProfile p = RunRates.medians(calibrated, List.of(30e9), List.of(60e9), List.of(20e9), List.of(1.3),
                List.of(6.0, 10.1, 8.6, 9.2), "in the run");
        assertEquals(8.9, p.gatherLinesInFlight().orElseThrow().value(), 1e-12);
        String source = p.gatherLinesInFlight().orElseThrow().source();
        assertTrue(source.contains("median of 4 gathered lines in flight in the run")
                && source.contains("6.00 to 10.1"), source);
        // A GPU's cross-check gathers nothing beside its points: the profile's figure stays.
        HardwareProfile none = RunRates.medians(calibrated, List.of(30e9), List.of(60e9), List.of(20e9), List.of(1.3),
                List.of(), "in the run");
        assertEquals(calibrated.gatherLinesInFlight(), none.gatherLinesInFlight());
    }

    @Test
    void aProfileWithADecodingTileTakesTheRunsMedianTileOfTwoHeads() {
        HardwareProfile calibrated = RecalibrationTest.calibrated().withDecodeTile(Optional.of(new DecodeTile(
                new Figure(1.0e-6, "calibrated"), new Figure(0.8e-6, "calibrated"))));
        // The calibration's 1.8 us for two heads, then 2.7 and 2.25 beside the points: median 2.25, 1.25 times.
        HardwareProfile p = RunRates.decodeTileOverTheRun(calibrated, List.of(1.8e-6, 2.7e-6, 2.25e-6), "in the run");
        DecodeTile tile = p.decodeTile().orElseThrow();
        assertEquals(1.25e-6, tile.oneHead().value(), 1e-15);
        assertEquals(1.0e-6, tile.furtherHead().value(), 1e-15);
        assertTrue(tile.furtherHead().source().contains("times 1.250, median of 3 tiles of 2 heads on resident rows "
                + "in the run"), tile.furtherHead().source());
        // No times, or a profile without a tile: as it was.
        assertEquals(calibrated, RunRates.decodeTileOverTheRun(calibrated, List.of(), "in the run"));
        HardwareProfile none = RecalibrationTest.calibrated();
        assertEquals(none, RunRates.decodeTileOverTheRun(none, List.of(2e-6), "in the run"));
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwoAndTheFractionStopsAtOne() {
        HardwareProfile p = RunRates.medians(RecalibrationTest.calibrated(), List.of(20e9, 40e9, 30e9, 10e9),
                List.of(120e9, 140e9), List.of(1.0), List.of(1.0), List.of(), "t");
        assertEquals(25e9, p.deviceMemory().bandwidthBytesPerSecond().value());
        assertEquals(1.0, p.efficiency().matrixFraction().value());
    }

    @Test
    void noMeasurementsIsAnError() {
        HardwareProfile p = RecalibrationTest.calibrated();
        List<Double> one = List.of(1.0);
        List<Double> none = List.of();
        assertThrows(IllegalArgumentException.class, () -> RunRates.medians(p, none, one, one, one, one, "t"));
        assertThrows(IllegalArgumentException.class, () -> RunRates.medians(p, one, none, one, one, one, "t"));
        assertThrows(IllegalArgumentException.class, () -> RunRates.medians(p, one, one, none, one, one, "t"));
        assertThrows(IllegalArgumentException.class, () -> RunRates.medians(p, one, one, one, none, one, "t"));
    }
}
