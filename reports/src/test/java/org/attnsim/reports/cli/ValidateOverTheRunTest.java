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
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.kernels.validate.RatesBeside;
import org.junit.jupiter.api.Test;

/** How validate sets the triad and row-update rates of the profile it calibrated itself. */
class ValidateOverTheRunTest {

    static Measurement seconds(double s) {
        return new Measurement("t", s, s, s, 9, "dev", false);
    }

    /**
     * A point's rates beside it, over rounds: in each round a triad of 1 GB and 1 GFLOP of row updates timed at the
     * given seconds, 1 GB of page runs in the triad's time, a resident run of 0.01 s, and a gather of
     * {@link #GATHER_BYTES} in the given seconds (none if empty); the given overlap exponents, one a round.
     */
    static CrossCheck.Measured beside(List<Double> triadSeconds, List<Double> rowSeconds, List<Double> overlapExponents,
            List<Double> gatherSeconds) {
        Measurement any = seconds(0.01);
        RatesBeside.RoundSeconds byRound = new RatesBeside.RoundSeconds(triadSeconds, rowSeconds, triadSeconds,
                triadSeconds.stream().map(t -> 0.01).toList(), gatherSeconds);
        return new CrossCheck.Measured(null, null, false, null, null, new RatesBeside(any, 1_000_000_000L, any, 1e9,
                any, 1_000_000_000L, any, overlapExponents, any, 8192,
                gatherSeconds.isEmpty() ? Optional.empty() : Optional.of(any), GATHER_BYTES, List.of(), byRound));
    }

    static CrossCheck.Measured beside(List<Double> triadSeconds, List<Double> rowSeconds) {
        return beside(triadSeconds, rowSeconds, List.of(1.0), List.of());
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

    /** The calibration: triad 30 GB/s, row updates at 0.01 of the peak, page runs 20 GB/s, p 1.5, 6 lines. */
    static HardwareProfile calibrated() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        Efficiency e = bundled.efficiency();
        return bundled
                .withDeviceMemory(new MemoryLevel("dram", new Figure(30e9, "calibrated"),
                        bundled.deviceMemory().capacityBytes()))
                .withEfficiency(new Efficiency(new Figure(0.01, "calibrated"), e.vectorFraction(),
                        e.exponentialFraction(), e.memoryFraction(), e.matrixHalfRateFlops(), e.memoryHalfRateBytes()))
                .withPageRunBandwidth(new Figure(20e9, "calibrated"))
                .withOverlapExponent(Optional.of(new Figure(1.5, "calibrated")))
                .withGatherLinesInFlight(Optional.of(new Figure(6.0, "calibrated")));
    }

    @Test
    void theMediansTakeEveryRoundThePointsRanInAndNotTheCalibration() {
        HardwareProfile calibrated = calibrated();
        double peak = calibrated.matrixPeak(Dtype.FP32);
        double launch = calibrated.launchLatencySeconds().value();
        // Two sets of rounds (launch latency subtracted from each run): 1 GB in 40 and 50 ms, then in 25, 20 and
        // 100 ms (25 and 20, then 40, 50 and 10 GB/s); 1 GFLOP at 0.03 and 0.005, then 0.015, 0.02 and 0.01 of the
        // peak; overlap exponents 2 and 1.2, then 1, 1.3 and 3; gathers at 9 and 10, then 8, 7 and 12 lines in
        // flight.
        List<List<CrossCheck.Measured>> cells = List.of(
                List.of(beside(List.of(0.040 + launch, 0.050 + launch),
                        List.of(1e9 / (0.03 * peak) + launch, 1e9 / (0.005 * peak) + launch), List.of(2.0, 1.2),
                        List.of(gatherSeconds(calibrated, 9), gatherSeconds(calibrated, 10)))),
                List.of(beside(List.of(0.025 + launch, 0.020 + launch, 0.100 + launch),
                        List.of(1e9 / (0.015 * peak) + launch, 1e9 / (0.02 * peak) + launch,
                                1e9 / (0.01 * peak) + launch), List.of(1.0, 1.3, 3.0),
                        List.of(gatherSeconds(calibrated, 8), gatherSeconds(calibrated, 7),
                                gatherSeconds(calibrated, 12)))));
        HardwareProfile p = ValidateCommand.overTheRun(calibrated, calibrated, cells, "dev");
        // Bandwidths 25, 20, 40, 50, 10: median 25 GB/s (the sets' medians with the calibration's 30 would give 30).
        assertEquals(25e9, p.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        // Row-update fractions 0.005, 0.01, 0.015, 0.02, 0.03: median 0.015.
        assertEquals(0.015, p.efficiency().matrixFraction().value(), 1e-9);
        String source = p.deviceMemory().bandwidthBytesPerSecond().source();
        assertTrue(source.contains("median of 5 triad bandwidths measured on dev in the rounds the points ran in "
                + "(one a round, in 2 sets of rounds"), source);
        // Page runs in the triad's times: median 25 GB/s, not the calibration's 20.
        assertEquals(25e9, p.pageRunBytesPerSecond().orElseThrow().value(), 1);
        assertTrue(p.pageRunBytesPerSecond().orElseThrow().source().contains("median of 5 page-run bandwidths"));
        // Overlap exponents 1, 1.2, 1.3, 2, 3: median 1.3, not the calibration's 1.5.
        assertEquals(1.3, p.overlapExponent().orElseThrow().value(), 1e-12);
        // Gathered lines in flight 7, 8, 9, 10, 12: median 9.
        assertEquals(9, p.gatherLinesInFlight().orElseThrow().value(), 1e-9);
        assertTrue(p.gatherLinesInFlight().orElseThrow().source().contains("median of 5 gathered lines in flight"));
        // A cell's own profile, on which its points are predicted, takes its own rounds: 40, 50 and 10 GB/s.
        HardwareProfile second = ValidateCommand.overTheRun(calibrated, calibrated, List.of(cells.get(1)), "dev");
        assertEquals(40e9, second.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        assertEquals(0.015, second.efficiency().matrixFraction().value(), 1e-9);
        assertTrue(second.deviceMemory().bandwidthBytesPerSecond().source().contains("in 1 set of rounds"));
    }

    @Test
    void whereTheRoundsMeasuredNoGatherTheCalibrationsLinesInFlightStay() {
        HardwareProfile calibrated = calibrated();
        double launch = calibrated.launchLatencySeconds().value();
        List<List<CrossCheck.Measured>> cells = List.of(List.of(beside(List.of(0.05 + launch), List.of(1.0))));
        assertEquals(6.0, ValidateCommand.overTheRun(calibrated, calibrated, cells, "dev").gatherLinesInFlight()
                .orElseThrow().value(), 0);
    }

    @Test
    void theDecodingKernelsOneQueryExponentIsTheMedianOfTheRounds() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        double launch = bundled.launchLatencySeconds().value();
        HardwareProfile calibrated = bundled.withDeviceBandwidth(new Figure(30e9, "calibrated"))
                .withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "calibrated"), new Figure(0.8e-6,
                        "calibrated"), Optional.of(new Figure(12, "calibrated")))));
        // 2 and 3 in one set of rounds and 4 in another: median 3 (with the calibration's 12, 3.5).
        List<List<CrossCheck.Measured>> cells = List.of(
                List.of(withOneQuery(beside(List.of(0.05 + launch, 0.05 + launch), List.of(1.0, 1.0)),
                        List.of(2.0, 3.0))),
                List.of(withOneQuery(beside(List.of(0.04 + launch), List.of(1.0)), List.of(4.0))));
        Figure p = ValidateCommand.overTheRun(calibrated, calibrated, cells, "dev").decodeTile().orElseThrow()
                .oneHeadOverlapExponent().orElseThrow();
        assertEquals(3, p.value(), 1e-12);
        assertTrue(p.source().contains("median of 3 exponents of the decoding kernel at one query a row measured on "
                + "dev in the rounds the points ran in"), p.source());
        // A tile without the exponent keeps none.
        HardwareProfile plain = calibrated.withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "calibrated"),
                new Figure(0.8e-6, "calibrated"))));
        assertTrue(ValidateCommand.overTheRun(plain, plain, cells, "dev").decodeTile().orElseThrow()
                .oneHeadOverlapExponent().isEmpty());
    }

    private static CrossCheck.Measured withOneQuery(CrossCheck.Measured m, List<Double> exponents) {
        RatesBeside b = m.beside();
        return new CrossCheck.Measured(null, null, false, null, null, new RatesBeside(b.triad(), b.triadBytes(),
                b.rowUpdates(), b.rowUpdateFlops(), b.pageRuns(), b.pageRunBytes(), b.overlapStreamed(),
                b.overlapExponents(), b.overlapResident(), b.tilesPerUnit(), b.gather(), b.gatherBytes(), exponents,
                b.byRound()));
    }

    @Test
    void pointsTimedInTheSameRoundsCountTheirSharedRoundsOnce() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        double launch = bundled.launchLatencySeconds().value();
        HardwareProfile calibrated = bundled.withDeviceBandwidth(new Figure(30e9, "calibrated"));
        // Three points of one cell share one round at 20 GB/s; another cell's two rounds ran at 25 and 40 GB/s.
        // Counted once, the bandwidths are 20, 25 and 40: median 25 GB/s (three times 20 would make it 20).
        CrossCheck.Measured shared = beside(List.of(0.050 + launch), List.of(1.0));
        RatesBeside rates = shared.beside();
        CrossCheck.Measured second = new CrossCheck.Measured(null, null, false, null, null, rates);
        CrossCheck.Measured third = new CrossCheck.Measured(null, null, false, null, null, rates);
        List<List<CrossCheck.Measured>> cells = List.of(List.of(shared, second, third),
                List.of(beside(List.of(0.040 + launch, 0.025 + launch), List.of(1.0, 1.0))));
        HardwareProfile p = ValidateCommand.overTheRun(calibrated, calibrated, cells, "dev");
        assertEquals(25e9, p.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        assertTrue(p.deviceMemory().bandwidthBytesPerSecond().source().contains("in 2 sets of rounds"));
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
