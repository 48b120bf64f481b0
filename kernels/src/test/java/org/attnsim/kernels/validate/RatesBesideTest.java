package org.attnsim.kernels.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.sim.Point;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

class RatesBesideTest {

    static final HardwareProfile HW = HardwareCatalog.resolve("cpu-server-64c", "test", null);
    static final double LAUNCH = HW.launchLatencySeconds().value();

    /** A point measured at 50 ms beside a triad at 40% of the profile's bandwidth and row updates at 50%. */
    static ValidationRow row(Phase phase, int seq, int batch) {
        return row(phase, seq, batch, HW, null);
    }

    /**
     * The same, with page runs beside it at 25% of {@code hw}'s page-run bandwidth (if it has one), overlap
     * exponents of 2.6, 1.8 and 2.0 in three rounds, and a gather at twice {@code hw}'s gathered lines in flight
     * (24 if it has no figure).
     */
    static ValidationRow row(Phase phase, int seq, int batch, HardwareProfile hw, SparqConfig sparq) {
        Workload w = Workload.of(phase, seq, batch, true, Dtype.FP32, Algorithm.TILED, "test");
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        Point p = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, sparq, hw, Terms.defaults());
        Measurement step = new Measurement("step", 0.05, 0.049, 0.051, 9, "dev", false);
        CrossCheck.Measured m = new CrossCheck.Measured(new VariantChoice(Variant.MHA, shape, "MHA"), p, true,
                new KernelRunner.KernelTiming(step, List.of()), null, beside(hw));
        return CrossCheck.compare(List.of(List.of(m)), hw).get(0);
    }

    /** The rates of {@link #row}'s rounds. */
    static RatesBeside beside(HardwareProfile hw) {
        long bytes = 201_326_592L;
        double triadSeconds = bytes / (0.4 * HW.deviceMemory().bandwidthBytesPerSecond().value()) + LAUNCH;
        double flops = 1e9;
        double rowRate = HW.matrixPeak(Dtype.FP32) * HW.efficiency().matrixFraction().value();
        double rowSeconds = flops / (0.5 * rowRate) + LAUNCH;
        double pageRate = hw.pageRunBytesPerSecond().map(f -> f.value()).orElse(1e10);
        double pageSeconds = bytes / (0.25 * pageRate) + LAUNCH;
        RatesBeside beside = new RatesBeside(new Measurement("triad", triadSeconds, triadSeconds, triadSeconds, 9, "dev",
                false), bytes, new Measurement("rows", rowSeconds, rowSeconds, rowSeconds, 9, "dev", false), flops,
                new Measurement("pages", pageSeconds, pageSeconds, pageSeconds, 9, "dev", false), bytes,
                new Measurement("streamed", 0.005, 0.005, 0.005, 3, "dev", false), List.of(2.6, 1.8, 2.0),
                new Measurement("resident", RESIDENT_SECONDS, RESIDENT_SECONDS, RESIDENT_SECONDS, 3, "dev", false),
                RESIDENT_TILES,
                Optional.of(gatherSeconds(hw, 2 * hw.gatherLinesInFlight().map(f -> f.value()).orElse(12.0))),
                GATHER_BYTES);
        return beside;
    }

    static final long GATHER_BYTES = 4_194_304L;
    static final double RESIDENT_TILES = 8192;
    /** The overlap benchmark's resident run beside: tiles of its two queries at 3.6 us each, launch included. */
    static final double RESIDENT_SECONDS = RESIDENT_TILES * 3.6e-6 + LAUNCH;

    /** A gather of {@link #GATHER_BYTES} at {@code lines} lines in flight a unit of {@code hw}, launch included. */
    static Measurement gatherSeconds(HardwareProfile hw, double lines) {
        double seconds = GATHER_BYTES / 64.0 / (lines * hw.units() / hw.memoryLatencySeconds().value())
                + hw.launchLatencySeconds().value();
        return new Measurement("gather", seconds, seconds, seconds, 9, "dev", false);
    }

    @Test
    void theRatesBesideAPointAreItsBandwidthAndRowUpdatesLessTheLaunch() {
        ValidationRow r = row(Phase.DECODE, 16384, 8);
        assertEquals(0.4, r.bandwidthBesideFraction(), 1e-9);
        assertEquals(0.5, r.rowUpdatesBesideFraction(), 1e-9);
        assertEquals(r.atRatesBeside().seconds() / 0.05 - 1, r.errorAtRatesBeside(), 1e-12);
        // The profile's own prediction and error do not move.
        assertEquals(r.prediction().seconds() / 0.05 - 1, r.error(), 1e-12);
    }

    @Test
    void eachRoundsRatesAreItsBytesOrFlopsOverItsSecondsLessTheLaunch() {
        Measurement any = new Measurement("any", 1, 1, 1, 2, "dev", false);
        // Two rounds: a 1 GB triad in 20 and 40 ms, 2 GFLOP of row updates in 10 and 20 ms, 0.5 GB of page runs in
        // 5 and 25 ms, 100 resident tiles in 1 and 2 ms, 4 MiB gathered in 0.1 and 0.2 ms; each with the launch.
        RatesBeside.RoundSeconds byRound = new RatesBeside.RoundSeconds(List.of(0.020 + LAUNCH, 0.040 + LAUNCH),
                List.of(0.010 + LAUNCH, 0.020 + LAUNCH), List.of(0.005 + LAUNCH, 0.025 + LAUNCH),
                List.of(0.001 + LAUNCH, 0.002 + LAUNCH), List.of(1e-4 + LAUNCH, 2e-4 + LAUNCH));
        RatesBeside b = new RatesBeside(any, 1_000_000_000L, any, 2e9, any, 500_000_000L, any, List.of(1.0), any,
                100, Optional.of(any), 4_194_304L, List.of(), byRound);
        assertEquals(List.of(50e9, 25e9), rounded(b.bytesPerSecondByRound(LAUNCH)));
        assertEquals(List.of(200e9, 100e9), rounded(b.rowUpdateFlopsPerSecondByRound(LAUNCH)));
        assertEquals(List.of(100e9, 20e9), rounded(b.pageRunBytesPerSecondByRound(LAUNCH)));
        assertEquals(List.of(1e-5, 2e-5), b.decodeTileSecondsByRound(LAUNCH).stream()
                .map(t -> Math.rint(t * 1e9) / 1e9).toList());
        // 65,536 lines in 0.1 ms on 2 units of 100 ns a round trip: 655 M lines a second a unit, 32.8 under way.
        List<Double> lines = b.gatherLinesInFlightByRound(LAUNCH, 2, 100e-9);
        assertEquals(32.768, lines.get(0), 1e-9);
        assertEquals(16.384, lines.get(1), 1e-9);
    }

    @Test
    void eachRoundsRatesGoTogetherRoundByRound() {
        Measurement any = new Measurement("any", 1, 1, 1, 2, "dev", false);
        // The rounds of the test above, with an overlap exponent and a one-query exponent of their own.
        RatesBeside.RoundSeconds byRound = new RatesBeside.RoundSeconds(List.of(0.020 + LAUNCH, 0.040 + LAUNCH),
                List.of(0.010 + LAUNCH, 0.020 + LAUNCH), List.of(0.005 + LAUNCH, 0.025 + LAUNCH),
                List.of(0.001 + LAUNCH, 0.002 + LAUNCH), List.of(1e-4 + LAUNCH, 2e-4 + LAUNCH));
        RatesBeside b = new RatesBeside(any, 1_000_000_000L, any, 2e9, any, 500_000_000L, any, List.of(2.0, 3.0), any,
                100, Optional.of(any), 4_194_304L, List.of(1.5, 2.5), byRound);
        List<RatesBeside.Round> rounds = b.rounds(LAUNCH, 2, 100e-9);
        assertEquals(2, rounds.size());
        RatesBeside.Round second = rounds.get(1);
        assertEquals(25e9, second.bytesPerSecond(), 1e6);
        assertEquals(100e9, second.rowUpdateFlopsPerSecond(), 1e6);
        assertEquals(20e9, second.pageRunBytesPerSecond(), 1e6);
        assertEquals(2e-5, second.decodeTileSeconds(), 1e-12);
        assertEquals(3.0, second.overlapExponent());
        assertEquals(16.384, second.gatherLinesInFlight().orElseThrow(), 1e-9);
        assertEquals(2.5, second.oneQueryExponent().orElseThrow());
        // A GPU's rounds: no gather, and no one-query exponent where the profile has no decoding tile.
        RatesBeside gpu = new RatesBeside(any, 1_000_000_000L, any, 2e9, any, 500_000_000L, any, List.of(2.0, 3.0),
                any, 100, Optional.empty(), 0, List.of(), new RatesBeside.RoundSeconds(byRound.triad(),
                        byRound.rowUpdates(), byRound.pageRuns(), byRound.resident(), List.of()));
        assertTrue(gpu.rounds(LAUNCH, 2, 100e-9).stream().allMatch(r -> r.gatherLinesInFlight().isEmpty()
                && r.oneQueryExponent().isEmpty()));
    }

    private static List<Double> rounded(List<Double> rates) {
        return rates.stream().map(r -> (double) Math.round(r / 1e6) * 1e6).toList();
    }

    @Test
    void memoryTimeScalesWithTheBandwidthBesideAndMatrixTimeWithTheRowUpdates() {
        for (ValidationRow r : List.of(row(Phase.DECODE, 16384, 8), row(Phase.FORWARD, 2048, 1))) {
            for (int i = 0; i < r.prediction().ops().size(); i++) {
                OpTiming profile = r.prediction().ops().get(i);
                OpTiming beside = r.atRatesBeside().ops().get(i);
                assertEquals(profile.memorySeconds() / 0.4, beside.memorySeconds(), 1e-9 * beside.memorySeconds());
                // The library's exponentials do not move; those the kernel computes on the FMA pipes (all of the
                // forward kernel's on a CPU, none of decoding's) take the row updates' rate: twice as long.
                double expScale = profile.op().fmaExponentials() == profile.op().exponentials() ? 2 : 1;
                assertEquals(expScale * profile.exponentialSeconds(), beside.exponentialSeconds(),
                        1e-9 * beside.exponentialSeconds());
            }
        }
        // The forward kernel's dot products are not chained: its matrix time is work over rate, twice as long.
        ValidationRow forward = row(Phase.FORWARD, 2048, 1);
        OpTiming profile = forward.prediction().ops().get(0);
        assertTrue(profile.op().fmaExponentials() > 0);
        assertEquals(2 * profile.matrixSeconds(), forward.atRatesBeside().ops().get(0).matrixSeconds(),
                1e-9 * profile.matrixSeconds());
    }

    @Test
    void theOverlapExponentBesideIsTheMedianOfItsRoundsWhereTheProfileHasOne() {
        HardwareProfile withOverlap = HW.withOverlapExponent(Optional.of(new Figure(1.2, "calibrated")));
        ValidationRow r = row(Phase.DECODE, 16384, 8, withOverlap, null);
        assertEquals(2, r.overlapExponentBeside(), 1e-9);
        assertEquals(2, r.atRatesBeside().point().hardware().overlapExponent().orElseThrow().value(), 1e-9);
        assertTrue(r.atRatesBeside().point().hardware().overlapExponent().orElseThrow().source()
                .contains("in each of 3 rounds, median"));
        assertEquals(1.2, r.prediction().point().hardware().overlapExponent().orElseThrow().value());
        // A profile without an exponent (the roofline's full overlap) gets none from the runs beside.
        assertTrue(row(Phase.DECODE, 16384, 8).atRatesBeside().point().hardware().overlapExponent().isEmpty());
    }

    @Test
    void theDecodingKernelsOneQueryExponentBesideIsTheMedianOfItsRoundsWhereTheProfileHasOne() {
        HardwareProfile withExponent = HW.withDecodeTile(Optional.of(new DecodeTile(new Figure(1.0e-6, "calibrated"),
                new Figure(0.8e-6, "calibrated"), Optional.of(new Figure(12, "calibrated")))));
        RatesBeside plain = beside(withExponent);
        RatesBeside rounds = new RatesBeside(plain.triad(), plain.triadBytes(), plain.rowUpdates(),
                plain.rowUpdateFlops(), plain.pageRuns(), plain.pageRunBytes(), plain.overlapStreamed(),
                plain.overlapExponents(), plain.overlapResident(), plain.tilesPerUnit(), plain.gather(),
                plain.gatherBytes(), List.of(3.5, 1.9, 4.0));
        assertEquals(3.5, rounds.oneQueryExponent().orElseThrow(), 0);
        assertTrue(plain.oneQueryExponent().isEmpty());
        Workload w = Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "test");
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        Point p = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, null, withExponent,
                Terms.defaults());
        CrossCheck.Measured m = new CrossCheck.Measured(new VariantChoice(Variant.MHA, shape, "MHA"), p, true,
                new KernelRunner.KernelTiming(new Measurement("step", 0.05, 0.049, 0.051, 9, "dev", false), List.of()),
                null, rounds);
        ValidationRow r = CrossCheck.compare(List.of(List.of(m)), withExponent).get(0);
        Figure beside = r.atRatesBeside().point().hardware().decodeTile().orElseThrow().oneHeadOverlapExponent()
                .orElseThrow();
        assertEquals(3.5, beside.value(), 0);
        assertTrue(beside.source().contains("in each of 3 rounds, median"), beside.source());
        assertEquals(12, r.prediction().point().hardware().decodeTile().orElseThrow().oneHeadOverlapExponent()
                .orElseThrow().value());
        // A tile without the exponent gets none from the rounds.
        HardwareProfile withTile = HW.withDecodeTile(Optional.of(new DecodeTile(new Figure(1.0e-6, "calibrated"),
                new Figure(0.8e-6, "calibrated"))));
        ValidationRow none = CrossCheck.compare(List.of(List.of(new CrossCheck.Measured(m.variant(), p.on(withTile),
                true, m.timing(), null, rounds))), withTile).get(0);
        assertTrue(none.atRatesBeside().point().hardware().decodeTile().orElseThrow().oneHeadOverlapExponent()
                .isEmpty());
    }

    @Test
    void theDecodingTileBesideIsTheResidentRunsWhereTheProfileHasOne() {
        HardwareProfile withTile = HW.withDecodeTile(Optional.of(new DecodeTile(new Figure(1.0e-6, "calibrated"),
                new Figure(0.8e-6, "calibrated"))));
        ValidationRow r = row(Phase.DECODE, 16384, 8, withTile, null);
        // 3.6 us a tile of two heads beside a profile's 1.0 + 0.8: every head's cost twice the profile's.
        DecodeTile beside = r.atRatesBeside().point().hardware().decodeTile().orElseThrow();
        assertEquals(2.0e-6, beside.oneHead().value(), 1e-15);
        assertEquals(1.6e-6, beside.furtherHead().value(), 1e-15);
        assertTrue(beside.oneHead().source().contains("times 2.000, a tile of 2 heads on resident rows"),
                beside.oneHead().source());
        // Dense decoding's loop is its tiles: twice as long.
        OpTiming profile = r.prediction().ops().get(0);
        assertTrue(profile.matrixSeconds() > 0);
        assertEquals(2 * profile.matrixSeconds(), r.atRatesBeside().ops().get(0).matrixSeconds(),
                1e-9 * profile.matrixSeconds());
        // A profile without a tile gets none from the runs beside.
        assertTrue(row(Phase.DECODE, 16384, 8).atRatesBeside().point().hardware().decodeTile().isEmpty());
    }

    @Test
    void pageRunTimeScalesWithThePageRunsBesideWhereTheProfileHasThem() {
        HardwareProfile withPages = HW.withPageRunBandwidth(new Figure(20e9, "calibrated"));
        SparqConfig twice = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);
        ValidationRow r = row(Phase.DECODE, 16384, 8, withPages, twice);
        assertEquals(5e9, r.atRatesBeside().point().hardware().pageRunBytesPerSecond().orElseThrow().value(), 1);
        OpTiming profile = r.prediction().ops().get(0);
        OpTiming beside = r.atRatesBeside().ops().get(0);
        assertTrue(profile.pageRunSeconds() > 0);
        assertEquals(4 * profile.pageRunSeconds(), beside.pageRunSeconds(), 1e-9 * beside.pageRunSeconds());
        // A profile without a page-run figure gets none from the runs beside.
        ValidationRow without = row(Phase.DECODE, 16384, 8, HW, twice);
        assertTrue(without.atRatesBeside().point().hardware().pageRunBytesPerSecond().isEmpty());
    }

    @Test
    void theExactStagesRoundTripsTakeTheGatherBesideWhereTheProfileHasLinesInFlight() {
        // MHA at S 16k, batch 8, k 128, d 64: 2 x 128 rows of 4 lines a group, 1,024 lines. At the profile's 8
        // lines in flight 128 round trips a group, at the gather's 16 beside it 64: half the latency.
        HardwareProfile withLines = HW.withGatherLinesInFlight(Optional.of(new Figure(8, "calibrated")));
        SparqConfig twice = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);
        ValidationRow r = row(Phase.DECODE, 16384, 8, withLines, twice);
        assertEquals(16, r.atRatesBeside().point().hardware().gatherLinesInFlight().orElseThrow().value(), 1e-9);
        assertTrue(r.atRatesBeside().point().hardware().gatherLinesInFlight().orElseThrow().source()
                .contains("GatherKernel right after the triad"));
        OpTiming profile = r.prediction().ops().get(2);
        OpTiming beside = r.atRatesBeside().ops().get(2);
        assertTrue(profile.op().name().contains("exact") && profile.latencySeconds() > 0, profile.op().name());
        assertEquals(0.5 * profile.latencySeconds(), beside.latencySeconds(), 1e-9 * profile.latencySeconds());
        // A profile without the figure (the bundled ones keep the fitted 12) gets none from the gather beside.
        ValidationRow without = row(Phase.DECODE, 16384, 8, HW, twice);
        assertTrue(without.atRatesBeside().point().hardware().gatherLinesInFlight().isEmpty());
    }

    @Test
    void aSpeedUpPredictedAtTheRatesBesideTakesTheBaselineAtTheSameRates() {
        Workload w = Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "test");
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        SparqConfig twice = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);
        Point dense = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, null, HW, Terms.defaults());
        Point sparq = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, twice, HW, Terms.defaults());
        RatesBeside rounds = beside(HW);
        VariantChoice mha = new VariantChoice(Variant.MHA, shape, "MHA");
        Measurement step = new Measurement("step", 0.01, 0.009, 0.011, 9, "dev", false);
        List<ValidationRow> rows = CrossCheck.compare(List.of(List.of(
                new CrossCheck.Measured(mha, dense, true, new KernelRunner.KernelTiming(step, List.of()), null, rounds),
                new CrossCheck.Measured(mha, sparq, false, new KernelRunner.KernelTiming(step, List.of()),
                        new MedianInterval(5, 4.8, 5.2, 9), rounds))), HW);
        assertEquals(1, rows.get(0).predictedSpeedupAtRatesBeside(), 1e-12);
        double atRates = rows.get(0).atRatesBeside().seconds() / rows.get(1).atRatesBeside().seconds();
        assertEquals(atRates, rows.get(1).predictedSpeedupAtRatesBeside(), 1e-12);
        assertEquals(atRates / 5 - 1, rows.get(1).speedupErrorAtRatesBeside(), 1e-12);
        // At 40% of the profile's bandwidth and half its row-update rate the two slow by different factors.
        assertTrue(Math.abs(atRates / rows.get(1).predictedSpeedup() - 1) > 1e-3);
    }

    @Test
    void roundByRoundEachRoundsTimesMeetThePredictionAtThatRoundsOwnRates() {
        // A decoding baseline (bound by the memory) and a forward point (bound by the FMAs) over four rounds, two at
        // half the profile's bandwidth and two at all of it: the memory's two states in one run.
        Workload decode = Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "test");
        Workload forward = Workload.of(Phase.FORWARD, 2048, 1, true, Dtype.FP32, Algorithm.TILED, "test");
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        Point base = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, decode, null, HW,
                Terms.defaults());
        Point point = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, forward, null, HW,
                Terms.defaults());
        double bandwidth = HW.deviceMemory().bandwidthBytesPerSecond().value();
        double rowRate = HW.matrixPeak(Dtype.FP32) * HW.efficiency().matrixFraction().value();
        long bytes = 1_000_000_000L;
        double[] states = {0.5, 1.0, 0.5, 1.0};
        // Predicted at each round's rates, the point comes out 2% over its time, 2% under, 4% over and on it.
        double[] off = {0.02, -0.02, 0.04, 0};
        List<Double> triad = new ArrayList<>();
        List<Double> rows = new ArrayList<>();
        List<Double> pointSeconds = new ArrayList<>();
        List<Double> baseSeconds = new ArrayList<>();
        for (int n = 0; n < states.length; n++) {
            triad.add(bytes / (states[n] * bandwidth) + LAUNCH);
            rows.add(1e9 / rowRate + LAUNCH);
            HardwareProfile round = HW.withDeviceBandwidth(new Figure(states[n] * bandwidth, "round"));
            pointSeconds.add(Simulator.predict(point.on(round)).seconds() / (1 + off[n]));
            baseSeconds.add(Simulator.predict(base.on(round)).seconds());
        }
        RatesBeside b = beside(HW);
        RatesBeside rounds = new RatesBeside(b.triad(), bytes, b.rowUpdates(), 1e9, b.pageRuns(), b.pageRunBytes(),
                b.overlapStreamed(), List.of(1.0, 1.0, 1.0, 1.0), b.overlapResident(), b.tilesPerUnit(), b.gather(),
                b.gatherBytes(), List.of(), new RatesBeside.RoundSeconds(triad, rows, triad, triad, List.of()));
        VariantChoice mha = new VariantChoice(Variant.MHA, shape, "MHA");
        Measurement step = new Measurement("step", 0.01, 0.009, 0.011, 4, "dev", false);
        List<ValidationRow> compared = CrossCheck.compare(List.of(List.of(
                new CrossCheck.Measured(mha, base, true, new KernelRunner.KernelTiming(step, List.of()), null, rounds,
                        baseSeconds, baseSeconds),
                new CrossCheck.Measured(mha, point, false, new KernelRunner.KernelTiming(step, List.of()),
                        new MedianInterval(1, 0.9, 1.1, 4), rounds, pointSeconds, baseSeconds))), HW);
        ValidationRow row = compared.get(1);
        // Each round's error is its own offset, 2%, -2%, 4% and 0%: median 1%. Its speed-up's, 1 / (1 + offset) - 1:
        // -1.96%, +2.04%, -3.85% and 0%, median -0.98%.
        assertEquals(4, row.atRatesBesideByRound().rounds());
        assertEquals(0.01, row.errorAtRatesBeside(), 1e-9);
        assertEquals((1 / 1.02 - 1) / 2, row.speedupErrorAtRatesBeside(), 1e-9);
        // The baseline meets its prediction in every round.
        assertEquals(0, compared.get(0).errorAtRatesBeside(), 1e-9);
        assertEquals(0, compared.get(0).speedupErrorAtRatesBeside(), 1e-12);
        // The predicted speed-up: the median of the two states' (the mean of the slow one's and the fast one's).
        double slow = baseSeconds.get(0) / (pointSeconds.get(0) * (1 + off[0]));
        double fast = baseSeconds.get(1) / (pointSeconds.get(1) * (1 + off[1]));
        assertEquals((slow + fast) / 2, row.predictedSpeedupAtRatesBeside(), 1e-9 * fast);
        assertTrue(slow > 1.5 * fast, slow + " against " + fast);
        // Over the rounds the triad ran at half the profile's bandwidth and at all of it, the row updates at its rate.
        assertEquals(0.5, row.bandwidthRoundsFraction().low(), 1e-9);
        assertEquals(1.0, row.bandwidthRoundsFraction().high(), 1e-9);
        assertEquals(1.0, row.rowUpdatesRoundsFraction().low(), 1e-9);
        assertEquals(1.0, row.rowUpdatesRoundsFraction().high(), 1e-9);
    }
}
