package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Efficiency;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.MemoryLevel;
import org.attnsim.kernels.calibrate.Recalibration;
import org.attnsim.kernels.device.HostLoad;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.kernels.validate.RatesBeside;
import org.junit.jupiter.api.Test;

/** How validate sets the triad and row-update rates of the profile it calibrated itself. */
class ValidateOverTheRunTest {

    static Measurement seconds(double s) {
        return new Measurement("t", s, s, s, 9, "dev", false);
    }

    /**
     * A point's rates beside it: a triad of 1 GB and 1 GFLOP of row updates, timed at the given seconds,
     * 1 GB of page runs in the triad's time, the given overlap exponents, one a round, and a gather of
     * {@link #GATHER_BYTES} in {@code gatherSeconds} (none if empty).
     */
    static CrossCheck.Measured beside(double triadSeconds, double rowSeconds, List<Double> overlapExponents,
            Optional<Double> gatherSeconds) {
        return new CrossCheck.Measured(null, null, false, null, null, new RatesBeside(seconds(triadSeconds),
                1_000_000_000L, seconds(rowSeconds), 1e9, seconds(triadSeconds), 1_000_000_000L, seconds(0.01),
                overlapExponents, seconds(0.01), 8192, gatherSeconds.map(ValidateOverTheRunTest::seconds),
                GATHER_BYTES));
    }

    static CrossCheck.Measured beside(double triadSeconds, double rowSeconds) {
        return beside(triadSeconds, rowSeconds, List.of(1.0), Optional.empty());
    }

    static final long GATHER_BYTES = 4_194_304L;

    /**
     * The seconds of a gather of {@link #GATHER_BYTES} at which each of {@code hw}'s units keeps {@code lines}
     * lines under way, a round trip its memory latency, the launch latency included.
     */
    static double gatherSeconds(HardwareProfile hw, double lines) {
        double linesPerSecond = lines * hw.units() / hw.memoryLatencySeconds().value();
        return GATHER_BYTES / 64.0 / linesPerSecond + hw.launchLatencySeconds().value();
    }

    static Microbenchmarks.Rate rate(double perSecond) {
        return new Microbenchmarks.Rate(seconds(1), perSecond);
    }

    @Test
    void theMediansTakeTheCalibrationTheRecheckAndEveryPointBeside() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        double peak = bundled.matrixPeak(Dtype.FP32);
        Efficiency e = bundled.efficiency();
        // The calibration: triad 30 GB/s, row updates at 0.01 of the peak.
        HardwareProfile calibrated = bundled
                .withDeviceMemory(new MemoryLevel("dram", new Figure(30e9, "calibrated"), bundled.deviceMemory().capacityBytes()))
                .withEfficiency(new Efficiency(new Figure(0.01, "calibrated"), e.vectorFraction(), e.exponentialFraction(),
                        e.memoryFraction(), e.matrixHalfRateFlops(), e.memoryHalfRateBytes()))
                .withPageRunBandwidth(new Figure(20e9, "calibrated"))
                .withOverlapExponent(Optional.of(new Figure(1.5, "calibrated")))
                .withGatherLinesInFlight(Optional.of(new Figure(6.0, "calibrated")));
        // The recheck: triad 45 GB/s, row updates 0.02 of the peak.
        Microbenchmarks.Recheck again = new Microbenchmarks.Recheck(new Microbenchmarks.ComputeRates(rate(1), rate(1),
                rate(0.02 * peak), rate(1), rate(1), rate(1), rate(1), rate(1)), 45e9);
        // Beside three points in two cells (launch latency subtracted from each run): 1 GB in 40 ms, 50 ms and
        // 25 ms (25, 20 and 40 GB/s), 1 GFLOP in peak / 0.03, 0.005 and 0.015 (0.03, 0.005, 0.015 of the peak).
        // Overlap exponents of 2 and 1.2, 1, 1.3 and 3, and 1.4 in their rounds. Gathers at 9, 10 and 8 lines in
        // flight.
        double launch = calibrated.launchLatencySeconds().value();
        List<List<CrossCheck.Measured>> cells = List.of(
                List.of(beside(0.040 + launch, 1e9 / (0.03 * peak) + launch, List.of(2.0, 1.2),
                                Optional.of(gatherSeconds(calibrated, 9))),
                        beside(0.050 + launch, 1e9 / (0.005 * peak) + launch, List.of(1.0, 1.3, 3.0),
                                Optional.of(gatherSeconds(calibrated, 10)))),
                List.of(beside(0.025 + launch, 1e9 / (0.015 * peak) + launch, List.of(1.4),
                        Optional.of(gatherSeconds(calibrated, 8)))));
        HardwareProfile p = ValidateCommand.overTheRun(calibrated, calibrated, again, cells, "dev");
        // Bandwidths 30, 45, 25, 20, 40: median 30 GB/s. Row-update fractions 0.01, 0.02, 0.03, 0.005, 0.015:
        // median 0.015.
        assertEquals(30e9, p.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        assertEquals(0.015, p.efficiency().matrixFraction().value(), 1e-9);
        String source = p.deviceMemory().bandwidthBytesPerSecond().source();
        assertTrue(source.contains("median of 5 triad bandwidths measured on dev in the cross-check")
                && source.contains("in each of its 3 sets of rounds"), source);
        // Page runs (no recheck): the calibration's 20 GB/s, then 25, 20 and 40 beside: median 22.5 GB/s.
        assertEquals(22.5e9, p.pageRunBytesPerSecond().orElseThrow().value(), 1);
        assertTrue(p.pageRunBytesPerSecond().orElseThrow().source().contains("median of 4 page-run bandwidths"));
        // Overlap exponents (no recheck): the calibration's 1.5, then the rounds' 1, 1.2, 1.3, 1.4, 2 and 3:
        // median 1.4.
        assertEquals(1.4, p.overlapExponent().orElseThrow().value(), 1e-12);
        assertTrue(p.overlapExponent().orElseThrow().source().contains("median of 7 overlap exponents"));
        // Gathered lines in flight (no recheck): the calibration's 6, then 9, 10 and 8 beside: median 8.5.
        assertEquals(8.5, p.gatherLinesInFlight().orElseThrow().value(), 1e-9);
        assertTrue(p.gatherLinesInFlight().orElseThrow().source().contains("median of 4 gathered lines in flight"));
    }

    @Test
    void theDecodingKernelsOneQueryExponentIsTheMedianOfTheCalibrationsAndTheRounds() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        double peak = bundled.matrixPeak(Dtype.FP32);
        double launch = bundled.launchLatencySeconds().value();
        HardwareProfile calibrated = bundled.withDeviceBandwidth(new Figure(30e9, "calibrated"))
                .withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "calibrated"), new Figure(0.8e-6,
                        "calibrated"), Optional.of(new Figure(12, "calibrated")))));
        Microbenchmarks.Recheck again = new Microbenchmarks.Recheck(new Microbenchmarks.ComputeRates(rate(1), rate(1),
                rate(0.02 * peak), rate(1), rate(1), rate(1), rate(1), rate(1)), 45e9);
        // The calibration's 12, then 2 and 3 in one set of rounds and 4 in another: median 3.5.
        List<List<CrossCheck.Measured>> cells = List.of(List.of(withOneQuery(beside(0.05 + launch, 1), List.of(2.0,
                3.0))), List.of(withOneQuery(beside(0.04 + launch, 1), List.of(4.0))));
        Figure p = ValidateCommand.overTheRun(calibrated, calibrated, again, cells, "dev").decodeTile().orElseThrow()
                .oneHeadOverlapExponent().orElseThrow();
        assertEquals(3.5, p.value(), 1e-12);
        assertTrue(p.source().contains("median of 4 exponents of the decoding kernel at one query a row measured on "
                + "dev in the cross-check"), p.source());
        // A tile without the exponent keeps none.
        HardwareProfile plain = calibrated.withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "calibrated"),
                new Figure(0.8e-6, "calibrated"))));
        assertTrue(ValidateCommand.overTheRun(plain, plain, again, cells, "dev").decodeTile().orElseThrow()
                .oneHeadOverlapExponent().isEmpty());
    }

    private static CrossCheck.Measured withOneQuery(CrossCheck.Measured m, List<Double> exponents) {
        RatesBeside b = m.beside();
        return new CrossCheck.Measured(null, null, false, null, null, new RatesBeside(b.triad(), b.triadBytes(),
                b.rowUpdates(), b.rowUpdateFlops(), b.pageRuns(), b.pageRunBytes(), b.overlapStreamed(),
                b.overlapExponents(), b.overlapResident(), b.tilesPerUnit(), b.gather(), b.gatherBytes(), exponents));
    }

    @Test
    void pointsTimedInTheSameRoundsCountTheirSharedRatesOnce() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        double peak = bundled.matrixPeak(Dtype.FP32);
        double launch = bundled.launchLatencySeconds().value();
        HardwareProfile calibrated = bundled.withDeviceBandwidth(new Figure(30e9, "calibrated"));
        Microbenchmarks.Recheck again = new Microbenchmarks.Recheck(new Microbenchmarks.ComputeRates(rate(1), rate(1),
                rate(0.02 * peak), rate(1), rate(1), rate(1), rate(1), rate(1)), 45e9);
        // Three points of one cell share one set of rounds at 20 GB/s; another cell's at 25 GB/s. Counted once
        // each, the bandwidths are 30, 45, 20 and 25: median 27.5 GB/s (three times 20 would make it 20).
        CrossCheck.Measured shared = beside(0.050 + launch, 1e9 / (0.01 * peak) + launch);
        RatesBeside rates = shared.beside();
        CrossCheck.Measured second = new CrossCheck.Measured(null, null, false, null, null, rates);
        CrossCheck.Measured third = new CrossCheck.Measured(null, null, false, null, null, rates);
        List<List<CrossCheck.Measured>> cells = List.of(List.of(shared, second, third),
                List.of(beside(0.040 + launch, 1e9 / (0.01 * peak) + launch)));
        HardwareProfile p = ValidateCommand.overTheRun(calibrated, calibrated, again, cells, "dev");
        assertEquals(27.5e9, p.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        assertTrue(p.deviceMemory().bandwidthBytesPerSecond().source().contains("in each of its 2 sets of rounds"));
    }

    @Test
    void aRateThatMovedIsPutDownToOtherProcessesOnlyWhenTheyWereBusy() {
        HardwareProfile hw = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        Recalibration.Result moved = new Recalibration.Result(hw,
                List.of(new Recalibration.Drift("triad", "B/s", 79e9, 44e9)));
        String busy = ValidateCommand.driftNote(moved, hw, Optional.of(new HostLoad.Share(0.85, 0.01, 2)));
        assertTrue(busy.contains("triad 79.0 GB/s -> 44.0 GB/s (-44%)"), busy);
        assertTrue(busy.contains("(warning: a rate moved by 44% while other processes kept 0.85 of the host's 2 CPUs "
                + "busy and the hypervisor took 0.01, and the errors above carry it;"), busy);
        String quiet = ValidateCommand.driftNote(moved, hw, Optional.of(new HostLoad.Share(0.0, 0.01, 2)));
        assertTrue(quiet.contains("(warning: a rate moved by 44% with no other process busy here: the device's rates "
                + "changed under the run"), quiet);
        String unknown = ValidateCommand.driftNote(moved, hw, Optional.empty());
        assertTrue(unknown.contains("(warning: a rate moved by 44%: the machine was contended or its rates changed"),
                unknown);
        Recalibration.Result still = new Recalibration.Result(hw,
                List.of(new Recalibration.Drift("triad", "B/s", 79e9, 72e9)));
        assertFalse(ValidateCommand.driftNote(still, hw, Optional.of(new HostLoad.Share(0.85, 0, 2)))
                .contains("warning"), "a move within 15% is no warning");
    }
}
