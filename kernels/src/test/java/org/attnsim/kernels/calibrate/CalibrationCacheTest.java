package org.attnsim.kernels.calibrate;

import static org.attnsim.kernels.calibrate.RecalibrationTest.M;
import static org.attnsim.kernels.calibrate.RecalibrationTest.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DecodeTileRows;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.ForwardArithmetic;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.device.DeviceInfo;
import org.attnsim.kernels.device.HostLoad;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.micro.DecodeTileTimes;
import org.attnsim.kernels.micro.ForwardAlone;
import org.attnsim.kernels.micro.FurtherPassDecode;
import org.attnsim.kernels.micro.LaunchAfterWork;
import org.attnsim.kernels.micro.MicroResults;
import org.attnsim.kernels.micro.SparqStepCases;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OverlapExponent;
import org.attnsim.kernels.micro.UnitBandwidth;
import org.junit.jupiter.api.Test;

class CalibrationCacheTest {

    private static final DeviceInfo CPU = new DeviceInfo(0, "Portable Computing Language", "cpu", "cpu", 2, 2600,
            24L << 30, 1 << 20, 4096, 32L << 20, 64);

    private static final Measurement LAUNCH = new Measurement("empty kernel", 33e-6, 31e-6, 35e-6, 200, "cpu", false);
    /**
     * The empty kernel 70 us after a cache-evicting read, 33 back to back (37 us of waking); a small decoding step
     * 85 us after the read and the empty kernel, 60 back to back (25 us of its op's state); SparQ's fused step 150
     * us after them, 105 back to back (45 us, 20 beyond the decoding step's: 10 us each of its two further stages).
     */
    private static final LaunchAfterWork AFTER_WORK = new LaunchAfterWork(
            new Measurement("empty after", 70e-6, 66e-6, 75e-6, 80, "cpu", false),
            new Measurement("empty", 33e-6, 31e-6, 35e-6, 80, "cpu", false),
            new Measurement("step after", 85e-6, 80e-6, 92e-6, 80, "cpu", false),
            new Measurement("step", 60e-6, 55e-6, 66e-6, 80, "cpu", false),
            new MedianInterval(37e-6, 33e-6, 41e-6, 80), new MedianInterval(25e-6, 19e-6, 31e-6, 80),
            Optional.of(new Measurement("fused after", 150e-6, 140e-6, 160e-6, 80, "cpu", false)),
            Optional.of(new Measurement("fused", 105e-6, 100e-6, 110e-6, 80, "cpu", false)),
            Optional.of(new MedianInterval(10e-6, 6e-6, 14e-6, 80)));

    /**
     * The overlap benchmark's cases over 8,192 tiles of 64 rows a unit: resident, 8.192, 14.7456 and 27.8528 ms are
     * 1.0, 1.8 and 3.4 us a tile for 1, 2 and 4 heads, a line of 0.2 us and 0.8 us a head.
     */
    private static final List<OverlapExponent.Case> CASES = List.of(
            new OverlapExponent.Case(1, 16e-3, 8.192e-3, 15e-3, 3),
            new OverlapExponent.Case(2, 20e-3, 14.7456e-3, 15e-3, 3),
            new OverlapExponent.Case(4, 30e-3, 27.8528e-3, 15e-3, 3));
    /**
     * The decoding kernel at two and at four queries a row over 8,192 tiles a unit: 20 ms and 36.22016, so that a
     * further pass takes 1.98 us a tile, where the line above prices it at 1.8 (a tile of two heads): 1.1 times.
     */
    /**
     * The decoding kernel at 2, 4 and 8 queries a row over 8192 tiles a unit (launch latency 33 us): the two passes the
     * kernel at 8 adds take 1.1 times the line's 3.6 us a tile, and the kernel at 4 adds 0.2 us beyond its one.
     */
    /**
     * The same with rows of 128 floats over 4,096 tiles a unit: 10, 20.48576 and 39.98272 ms, so that the passes after
     * the second take 4.76 us a tile, 0.85 times the 128 line's 5.6 (two passes of two heads at 1.6 + 1.2), and the
     * kernel's start at four queries 2.56 - 0.85 x 2.8 = 0.18 us.
     */
    private static final FurtherPassDecode.Times WIDE_FURTHER_PASS = new FurtherPassDecode.Times(
            new Measurement("two", 10e-3, 10e-3, 11e-3, 40, "cpu", false),
            new Measurement("four", 20.48576e-3, 20e-3, 21e-3, 40, "cpu", false),
            new Measurement("eight", 39.98272e-3, 39e-3, 41e-3, 40, "cpu", false), 10e-3, 20.48576e-3, 39.98272e-3,
            16384, 4096);
    private static final FurtherPassDecode.Times FURTHER_PASS = new FurtherPassDecode.Times(
            new Measurement("two", 20.033e-3, 20e-3, 21e-3, 40, "cpu", false),
            new Measurement("four", 37.89156e-3, 37e-3, 38e-3, 40, "cpu", false),
            new Measurement("eight", 70.33188e-3, 70e-3, 71e-3, 40, "cpu", false), 20e-3, 37.85856e-3, 70.29888e-3,
            16384, 8192);
    /**
     * With rows of 128 floats, half the rows over 4,096 tiles a unit: 6.5536 and 11.4688 ms are 1.6 and 2.8 us a tile
     * for 1 and 2 heads, a line of 1.6 us and 1.2 us a head. With rows of 96, 5,376 tiles a unit: 8.064 and 15.5904 ms
     * are 1.5 and 2.9 us, a line of 1.5 and 1.4 us a head (a tile of two heads dearer than at 128), its overlap and
     * further passes not timed.
     */
    private static final DecodeTileTimes TILES = DecodeTileTimes.of(8192, CASES)
            .withFurtherPass(Optional.of(FURTHER_PASS)).withOtherRows(List.of(new DecodeTileTimes(4096, 128,
                    List.of(new DecodeTileTimes.Resident(1, 6.5536e-3), new DecodeTileTimes.Resident(2, 11.4688e-3)))
                    .withOverlap(new OverlapExponent.Case(2, 13e-3, 11.4688e-3, 9e-3, 3.2),
                            Optional.of(new OverlapExponent.Case(1, 10e-3, 6.5536e-3, 9e-3, 4.9)))
                    .withFurtherPass(Optional.of(WIDE_FURTHER_PASS)),
                    new DecodeTileTimes(5376, 96, List.of(new DecodeTileTimes.Resident(1, 8.064e-3),
                            new DecodeTileTimes.Resident(2, 15.5904e-3)))));

    /** A calibration's results with a triad of 30 GB/s beyond the cache and {@code cache} B/s within it. */
    private static HardwareProfile calibrated(double cache) {
        return calibrated(cache, Optional.empty());
    }

    private static HardwareProfile calibrated(double cache, Optional<OverlapExponent.Case> oneQueryKernel) {
        return calibrated(cache, oneQueryKernel, Optional.empty());
    }

    private static HardwareProfile calibrated(double cache, Optional<OverlapExponent.Case> oneQueryKernel,
            Optional<HostLoad.Share> load) {
        return calibrated(cache, oneQueryKernel, load, List.of());
    }

    private static HardwareProfile calibrated(double cache, Optional<OverlapExponent.Case> oneQueryKernel,
            Optional<HostLoad.Share> load, List<SparqStepCases.Times> scores) {
        return calibrated(cache, oneQueryKernel, load, scores, Optional.empty());
    }

    private static HardwareProfile calibrated(double cache, Optional<OverlapExponent.Case> oneQueryKernel,
            Optional<HostLoad.Share> load, List<SparqStepCases.Times> scores, Optional<ForwardAlone.Times> forward) {
        return calibrated(cache, oneQueryKernel, load, scores, forward, TILES);
    }

    private static HardwareProfile calibrated(double cache, Optional<OverlapExponent.Case> oneQueryKernel,
            Optional<HostLoad.Share> load, List<SparqStepCases.Times> scores, Optional<ForwardAlone.Times> forward,
            DecodeTileTimes tiles) {
        Microbenchmarks.ComputeRates rates = new Microbenchmarks.ComputeRates(rate(100e9), rate(20e9), rate(60e9),
                rate(3e9), rate(4e9), rate(1.2e9), rate(0.4e9), rate(8e9), rate(0.3e9));
        MicroResults r = new MicroResults(List.of(), 30e9, cache, 0,
                Optional.of(new UnitBandwidth(M, M, 192L << 20, 26.1e9, 30e9)),
                Optional.of(new UnitBandwidth(M, M, 64L << 20, 20.3e9, 28e9)), rates, M, 28e9,
                new OverlapExponent(3, CASES, oneQueryKernel), LAUNCH, AFTER_WORK, M, 1.6e-7, Optional.empty(),
                tiles, Optional.of(new MicroResults.UnitDecode(M, 512e6, 27e9, 38.5e9)), scores, Optional.empty(),
                forward);
        return Calibration.profile(CPU, r, Instant.parse("2026-11-23T01:00:00Z"), "measured-cpu", load);
    }

    @Test
    void sparqsStepCasesGiveTheProfileItsScoresFactors() {
        HardwareProfile plain = calibrated(90e9);
        assertTrue(plain.onceScoresArithmetic().isEmpty());
        // Each case as long as the model makes it at these factors on the profile, beside a 17 GB/s triad, after
        // other work as the profile prices it. The rows take 16.0 ms; the counted arithmetic 11.2, 13.4, 17.9 and 26.8
        // ms at 1, 2, 4 and 8 heads a row (a group's first head in chains at 3 GFLOP/s x 4, the others at 60
        // GFLOP/s): at these factors 12.3 and 12.1 ms, shorter than the rows, where a case slower than the counted
        // arithmetic's price keeps it (1) and a faster one its factor (0.9), then 25.1 and 48.3 ms, which the
        // calibration gives back.
        double[] factors = {1.1, 0.9, 1.4, 1.8};
        double[] given = {1, 0.9, 1.4, 1.8};
        List<SparqStepCases.Times.Timed> cases = new ArrayList<>();
        for (int i = 0; i < factors.length; i++) {
            int heads = SparqStepCases.HEADS[i];
            cases.add(ScoresFactorsTest.timed(heads,
                    ScoresFactorsTest.modelled(plain, heads, factors[i], 17e9)));
        }
        double rows = RunRates.rowUpdates(plain);
        HardwareProfile p = calibrated(90e9, Optional.empty(), Optional.empty(),
                List.of(ScoresFactorsTest.atR16(false, cases, 17e9, rows)));
        ScoresArithmetic once = p.onceScoresArithmetic().orElseThrow();
        for (int i = 0; i < factors.length; i++) {
            assertEquals(given[i], once.factor(SparqStepCases.HEADS[i]), 1e-6 * given[i]);
        }
        assertTrue(p.twiceScoresArithmetic().isEmpty(), "no K-twice cases");
        HardwareProfile both = calibrated(90e9, Optional.empty(), Optional.empty(),
                List.of(ScoresFactorsTest.atR16(false, cases, 17e9, rows), ScoresFactorsTest.atR16(true, List.of(
                        ScoresFactorsTest.timed(8, 1e-3)), 17e9, rows)));
        assertEquals(once, both.onceScoresArithmetic().orElseThrow());
        assertEquals(List.of(8), both.twiceScoresArithmetic().orElseThrow().cases().stream()
                .map(ScoresArithmetic.Case::heads).toList());
        assertTrue(both.twicePassesScoresArithmetic().isEmpty(), "no cases read in passes");
        HardwareProfile passes = calibrated(90e9, Optional.empty(), Optional.empty(),
                List.of(ScoresFactorsTest.atR16(true, List.of(ScoresFactorsTest.timed(8, 1e-3)),
                        17e9, rows), new SparqStepCases.Times(true, SparqStepCases.PASSES_R, List.of(
                        ScoresFactorsTest.timed(4, 1e-3)), 17e9, rows)));
        assertEquals(List.of(8), passes.twiceScoresArithmetic().orElseThrow().cases().stream()
                .map(ScoresArithmetic.Case::heads).toList());
        assertEquals(List.of(4), passes.twicePassesScoresArithmetic().orElseThrow().cases().stream()
                .map(ScoresArithmetic.Case::heads).toList());
        assertTrue(passes.twicePassesBytesPerSecond().isEmpty(), "no one-head case read in passes");
        String source = once.cases().get(3).factor().source();
        assertTrue(source.startsWith("measured on cpu (") && source.contains("SparqDecodeKernel")
                && source.contains("8 query heads a KV head") && source.contains("17.0 GB/s"), source);
    }

    @Test
    void theOneHeadCaseReadInPassesGivesTheLoopsRateAndTheOtherCasesTheirFactorsWithIt() {
        HardwareProfile plain = calibrated(90e9);
        // At r 32, the one-head case as long as the model makes it with its further passes' loop at 20 GB/s (the page
        // runs: 28), beyond the r 16 one-head case at its price, and the eight-head case with that rate and its
        // arithmetic at 1.5 (longer than its reads). Without the r 16 case, no rate.
        double rows = RunRates.rowUpdates(plain);
        double fast = 4e12;
        SparqStepCases.Times r32 = new SparqStepCases.Times(true, SparqStepCases.PASSES_R, List.of(
                ScoresFactorsTest.timed(1, LAUNCH.medianSeconds() + PassesBandwidthTest.modelled(plain, 1, 20e9, 1,
                        fast)),
                ScoresFactorsTest.timed(8, LAUNCH.medianSeconds() + PassesBandwidthTest.modelled(plain, 8, 20e9, 1.5,
                        fast))), fast, rows);
        SparqStepCases.Times r16 = ScoresFactorsTest.atR16(true, List.of(ScoresFactorsTest.timed(1,
                LAUNCH.medianSeconds() + PassesBandwidthTest.modelledOnePass(plain, fast))), fast, rows);
        HardwareProfile p = calibrated(90e9, Optional.empty(), Optional.empty(), List.of(r16, r32));
        assertEquals(20e9, p.twicePassesBytesPerSecond().orElseThrow().value(), 1e-6 * 20e9);
        assertEquals(1.5, p.twicePassesScoresArithmetic().orElseThrow().factor(8), 1e-6);
        assertEquals(1, p.twicePassesScoresArithmetic().orElseThrow().factor(1), 1e-6);
        assertTrue(plain.twicePassesBytesPerSecond().isEmpty(), "no cases read in passes");
        assertTrue(calibrated(90e9, Optional.empty(), Optional.empty(), List.of(r32)).twicePassesBytesPerSecond()
                .isEmpty(), "no one-pass cases");
    }

    @Test
    void dotsOfBothLengthsGiveTheProfileTheirRates() {
        HardwareProfile p = calibrated(90e9);
        assertEquals(3e9, p.dependentFlopsPerSecond().orElseThrow().value());
        Figure longDot = p.dependentFlopsPerSecond128().orElseThrow();
        assertEquals(4e9, longDot.value());
        assertTrue(longDot.source().contains("DotProductKernel") && longDot.source().contains("128 floats"),
                longDot.source());
    }

    @Test
    void theForwardKernelsCasesGiveTheProfileItsForwardFactors() {
        HardwareProfile plain = calibrated(90e9);
        assertTrue(plain.forwardArithmetic().isEmpty());
        // Each case as long as the model makes it at these factors on the profile, beside row updates at 50 GFLOP/s
        // (not the calibration's 60), with the 33 us launch; the calibration gives the factors back.
        double[] factors = {1.12, 0.94, 0.98};
        List<ForwardAlone.Times.Timed> cases = new ArrayList<>();
        for (int i = 0; i < factors.length; i++) {
            int d = ForwardAlone.HEAD_DIMS[i];
            cases.add(ForwardFactorsTest.timed(d, ForwardFactorsTest.modelled(plain, d, factors[i], 50e9) + 33e-6));
        }
        HardwareProfile p = calibrated(90e9, Optional.empty(), Optional.empty(), List.of(),
                Optional.of(new ForwardAlone.Times(cases, 50e9, M)));
        ForwardArithmetic forward = p.forwardArithmetic().orElseThrow();
        for (int i = 0; i < factors.length; i++) {
            assertEquals(factors[i], forward.factor(ForwardAlone.HEAD_DIMS[i]), 1e-6 * factors[i]);
        }
        String source = forward.cases().get(1).factor().source();
        assertTrue(source.startsWith("measured on cpu (") && source.contains("FlashAttentionKernel")
                && source.contains("at d 64, MHA of 8 heads over S 1024") && source.contains("50.0 GFLOP/s"), source);
    }

    @Test
    void everyFigureSaysHowBusyOtherProcessesKeptTheHostWhereThatIsKnown() {
        String busy = "other processes kept 0.56 of the host's 2 CPUs busy and the hypervisor took 0.04";
        HardwareProfile p = calibrated(90e9, Optional.empty(), Optional.of(new HostLoad.Share(0.56, 0.04, 2)));
        for (Figure f : List.of(p.vectorFlopsPerSecond(), p.exponentialsPerSecond(),
                p.deviceMemory().bandwidthBytesPerSecond(), p.launchAfterWorkSeconds().orElseThrow(),
                p.decodeTile().orElseThrow().oneHead())) {
            assertTrue(f.source().contains("by attnsim calibrate (while it ran, " + busy + " (/proc/stat)), timed by"),
                    f.source());
        }
        assertFalse(calibrated(90e9).vectorFlopsPerSecond().source().contains("other processes"));
    }

    @Test
    void afterOtherWorkALaunchWakesItsThreadsAndEachOpBringsBackItsState() {
        HardwareProfile p = calibrated(90e9);
        Figure launch = p.launchAfterWorkSeconds().orElseThrow();
        assertEquals(33e-6 + 37e-6, launch.value(), 1e-12);
        assertTrue(launch.source().contains("37.0 us (median over 80 rounds, 95% CI 33.0 us .. 41.0 us)"),
                launch.source());
        Figure op = p.opStartAfterWorkSeconds().orElseThrow();
        assertEquals(25e-6, op.value(), 1e-12);
        assertTrue(op.source().contains("25.0 us (median over 80 rounds, 95% CI 19.0 us .. 31.0 us)"), op.source());
        Figure stage = p.stageStartAfterWorkSeconds().orElseThrow();
        assertEquals(10e-6, stage.value(), 1e-12);
        String source = stage.source();
        assertTrue(source.contains("SparQ's fused step") && source.contains("3 stages in one launch")
                && source.contains("10.0 us (median over 80 rounds, 95% CI 6.00 us .. 14.0 us)"), source);
    }

    @Test
    void kOnceCasesAtOtherHeadSizesJoinTheProfilesCasesByHeadSize() {
        // Eight heads a row at d 64 at factor 1.8 and at d 96 at 2.5, each case as long as the model makes it there.
        HardwareProfile plain = calibrated(90e9);
        double rows = RunRates.rowUpdates(plain);
        SparqStepCases.Times.Timed at64 = ScoresFactorsTest.timed(8, 64, 1);
        SparqStepCases.Times.Timed at96 = ScoresFactorsTest.timed(8, 96, 1);
        SparqStepCases.Times d64 = ScoresFactorsTest.atR16(false, List.of(ScoresFactorsTest.timed(8, 64,
                ScoresFactorsTest.modelledOnce(plain, at64, 1.8, 17e9))), 17e9, rows);
        SparqStepCases.Times d96 = ScoresFactorsTest.atR16(false, List.of(ScoresFactorsTest.timed(8, 96,
                ScoresFactorsTest.modelledOnce(plain, at96, 2.5, 17e9))), 17e9, rows);
        ScoresArithmetic once = calibrated(90e9, Optional.empty(), Optional.empty(), List.of(d64, d96))
                .onceScoresArithmetic().orElseThrow();
        assertEquals(List.of(64, 96), once.cases().stream().map(ScoresArithmetic.Case::headDim).toList());
        assertEquals(1.8, once.factor(8, 64), 1e-6);
        assertEquals(2.5, once.factor(8, 96), 1e-6);
        assertEquals(2.15, once.factor(8, 80), 1e-6);
        assertTrue(once.cases().get(1).factor().source().contains("d 96"), once.cases().get(1).factor().source());
    }

    @Test
    void aCpuDecodingLoopIsTimedOnResidentRowsPerTileAndHead() {
        DecodeTile tile = calibrated(90e9).decodeTile().orElseThrow();
        assertEquals(1.0e-6, tile.oneHead().value(), 1e-12);
        assertEquals(0.8e-6, tile.furtherHead().value(), 1e-12);
        assertTrue(tile.oneHead().source().contains("OverlapKernel (a CPU decoding step's loop")
                && tile.oneHead().source().contains("8192 tiles of 64 rows a compute unit"), tile.oneHead().source());
        assertEquals(List.of(96, 128), tile.otherRows().stream().map(DecodeTileRows::rowFloats).toList());
        DecodeTileRows wide = tile.otherRows().get(1);
        assertEquals(1.6e-6, wide.oneHead().value(), 1e-12);
        assertEquals(1.2e-6, wide.furtherHead().value(), 1e-12);
        assertTrue(wide.oneHead().source().contains("rows of 128 floats")
                && wide.oneHead().source().contains("4096 tiles of 64 rows a compute unit")
                && wide.oneHead().source().contains("1 heads 1.60e-06 s, 2 heads 2.80e-06 s"), wide.oneHead().source());
        assertEquals(0.85, wide.furtherPassFactor().orElseThrow().value(), 1e-9);
        assertEquals(0.18e-6, wide.pairedStart().orElseThrow().value(), 1e-12);
        assertTrue(wide.furtherPassFactor().orElseThrow().source().contains("with rows of 128 floats"),
                wide.furtherPassFactor().orElseThrow().source());
        assertEquals(3.2, wide.overlapExponent().orElseThrow().value(), 1e-12);
        assertTrue(wide.overlapExponent().orElseThrow().source().contains("at 2 queries a row with rows of 128 "
                + "floats over the same streamed rows (0.0130 s)"), wide.overlapExponent().orElseThrow().source());
        assertEquals(4.9, wide.oneHeadOverlapExponent().orElseThrow().value(), 1e-12);
        assertTrue(wide.oneHeadOverlapExponent().orElseThrow().source().contains("at one query a row with rows of "
                + "128 floats"), wide.oneHeadOverlapExponent().orElseThrow().source());
        // Rows of 96: the line alone, 1.5 + 1.4 us a head.
        DecodeTileRows mid = tile.otherRows().get(0);
        assertEquals(1.5e-6, mid.oneHead().value(), 1e-12);
        assertEquals(1.4e-6, mid.furtherHead().value(), 1e-12);
        assertTrue(mid.oneHead().source().contains("rows of 96 floats")
                && mid.oneHead().source().contains("5376 tiles of 64 rows a compute unit"), mid.oneHead().source());
        assertTrue(mid.overlapExponent().isEmpty() && mid.furtherPassFactor().isEmpty());
        // A tile of two heads: 1.8 us at 64, 2.9 at 96, 2.8 at 128; half-way between the last two at 112.
        assertEquals(2.9e-6, tile.secondsAt(2, 96), 1e-12);
        assertEquals(2.35e-6, tile.secondsAt(2, 80), 1e-12);
        assertEquals(2.85e-6, tile.secondsAt(2, 112), 1e-12);
        // Four heads at d 128: the first pass 2.8 us, the second 0.85 x 2.8, the start 0.18.
        assertEquals(2.8e-6 + 0.85 * 2.8e-6 + 0.18e-6, tile.seconds(4, 2, 128), 1e-12);
        assertTrue(GpuCalibrationTest.calibrated().decodeTile().orElseThrow().otherRows().isEmpty());
    }

    @Test
    void theDecodingKernelsOneQueryPassesKeepTheExponentItWasTimedAt() {
        assertTrue(calibrated(90e9).decodeTile().orElseThrow().oneHeadOverlapExponent().isEmpty());
        DecodeTile tile = calibrated(90e9, Optional.of(new OverlapExponent.Case(1, 12.6e-3, 6.65e-3, 12.5e-3, 12.1)))
                .decodeTile().orElseThrow();
        Figure p = tile.oneHeadOverlapExponent().orElseThrow();
        assertEquals(12.1, p.value());
        assertTrue(p.source().contains("the decoding kernel itself (DecodeAttentionKernel) at one query a row")
                && p.source().contains("0.0126 s streamed, against 0.00665 s")
                && p.source().contains("0.0125 s of triad"), p.source());
    }

    @Test
    void theLoopOverInt8RowsGivesFactorsOnTheFp32LineAndTheInt8KernelsExponent() {
        assertTrue(calibrated(90e9).decodeTile().orElseThrow().int8().isEmpty());
        assertTrue(calibrated(90e9).decodeTile().orElseThrow().fp8().isEmpty());
        // Against the fp32 line's 1.0 us at one head and 0.8 a further head: 0.9 and 0.88 us over int8 rows.
        DecodeTileTimes int8 = new DecodeTileTimes(8192, 64, List.of(new DecodeTileTimes.Resident(1, 0.9e-6 * 8192),
                new DecodeTileTimes.Resident(2, 1.78e-6 * 8192), new DecodeTileTimes.Resident(4, 3.54e-6 * 8192)),
                List.of(), Optional.empty(), Optional.of(OverlapExponent.Case.solved(1, 6.64e-3, 6.99e-3, 3.92e-3)),
                Optional.empty());
        DecodeTileQuantised f = calibrated(90e9, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                TILES.withQuantised(Map.of(QuantisedCache.INT8, int8))).decodeTile().orElseThrow().int8().orElseThrow();
        assertEquals(0.9, f.oneHeadFactor().value(), 1e-9);
        assertEquals(1.1, f.furtherHeadFactor().value(), 1e-9);
        assertTrue(f.oneHeadFactor().source().contains("Int8OverlapKernel (the same loop over int8 rows")
                && f.oneHeadFactor().source().contains("1 heads 9.00e-07 s, 2 heads 1.78e-06 s, 4 heads 3.54e-06 s")
                && f.oneHeadFactor().source().contains("at one head (9.00e-07 s) over the fp32 line's (1.00e-06 s)"),
                f.oneHeadFactor().source());
        // Streamed faster than the int8 loop on resident rows: the overlap is full.
        Figure p = f.oneHeadOverlapExponent().orElseThrow();
        assertEquals(OverlapExponent.MAX_EXPONENT, p.value());
        assertTrue(p.source().contains("the decoding kernel over an int8 cache (Int8DecodeAttentionKernel) at one "
                + "query a row") && p.source().contains("0.00664 s streamed, against 0.00699 s")
                && p.source().contains("0.00392 s of triad (for its quarter of the bytes)"), p.source());
    }

    @Test
    void theLoopOverFp8RowsGivesItsOwnFactorsBesideInt8s() {
        // Against the fp32 line's 1.0 us at one head and 0.8 a further head: 1.9 and 1.76 us over fp8 rows.
        // At rows of 128 floats, against the fp32 line's 1.6 us and 1.2 there: 2.72 and 2.52 us, factors 1.7 and 2.1;
        // at 80, where the fp32 loop was not timed, no factors.
        DecodeTileTimes fp8 = new DecodeTileTimes(8192, 64, List.of(new DecodeTileTimes.Resident(1, 1.9e-6 * 8192),
                new DecodeTileTimes.Resident(2, 3.66e-6 * 8192), new DecodeTileTimes.Resident(4, 7.18e-6 * 8192)))
                .withOtherRows(List.of(new DecodeTileTimes(4096, 128, List.of(
                        new DecodeTileTimes.Resident(1, 2.72e-6 * 4096),
                        new DecodeTileTimes.Resident(2, 5.24e-6 * 4096))),
                        new DecodeTileTimes(6400, 80, List.of(new DecodeTileTimes.Resident(1, 2e-6 * 6400),
                                new DecodeTileTimes.Resident(2, 4e-6 * 6400)))));
        DecodeTileTimes int8 = new DecodeTileTimes(8192, 64, List.of(new DecodeTileTimes.Resident(1, 0.9e-6 * 8192),
                new DecodeTileTimes.Resident(2, 1.78e-6 * 8192), new DecodeTileTimes.Resident(4, 3.54e-6 * 8192)));
        DecodeTile tile = calibrated(90e9, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                TILES.withQuantised(Map.of(QuantisedCache.FP8, fp8, QuantisedCache.INT8, int8))).decodeTile()
                .orElseThrow();
        DecodeTileQuantised f = tile.fp8().orElseThrow();
        assertEquals(1.9, f.oneHeadFactor().value(), 1e-9);
        assertEquals(2.2, f.furtherHeadFactor().value(), 1e-9);
        assertEquals(0.9, tile.int8().orElseThrow().oneHeadFactor().value(), 1e-9);
        assertTrue(f.oneHeadFactor().source().contains("Fp8OverlapKernel (the same loop over fp8 rows of 64 elements, "
                + "one scale a tensor, each element built from its E4M3 bits as it is read)"),
                f.oneHeadFactor().source());
        assertTrue(f.oneHeadOverlapExponent().isEmpty(), "the fp8 kernel not timed");
        DecodeTileQuantised wide = f.at(128).orElseThrow();
        assertEquals(1.7, wide.oneHeadFactor().value(), 1e-9);
        assertEquals(2.1, wide.furtherHeadFactor().value(), 1e-9);
        assertTrue(wide.oneHeadFactor().source().contains("the same loop over fp8 rows of 128 elements"),
                wide.oneHeadFactor().source());
        assertTrue(f.at(80).isEmpty(), "no fp32 line at 80 to set factors against");
    }

    @Test
    void theDecodingKernelOnOneUnitSaysWhatShareOfEveryUnitsItDraws() {
        Figure unit = calibrated(90e9).decodeTile().orElseThrow().oneUnitBandwidth().orElseThrow();
        assertEquals(27e9, unit.value());
        assertTrue(unit.source().contains("one work-group, which one compute unit runs while the others are idle")
                && unit.source().contains("over 512 MB") && unit.source().contains("drew 38.5 GB/s: one unit alone "
                        + "draws 0.70 of it"), unit.source());
        // The GPU's rounds have no such run.
        assertTrue(GpuCalibrationTest.calibrated().decodeTile().orElseThrow().oneUnitBandwidth().isEmpty());
    }

    @Test
    void theDecodingKernelsFurtherPassesAreMeasuredAgainstTheLinesPriceForThem() {
        DecodeTile tile = calibrated(90e9).decodeTile().orElseThrow();
        Figure factor = tile.furtherPassFactor().orElseThrow();
        assertEquals(1.1, factor.value(), 1e-9);
        Figure start = tile.pairedStart().orElseThrow();
        assertEquals(0.2e-6, start.value(), 1e-12);
        // Four heads in two passes: 1.8 us the first pass, 1.1 x 1.8 the second, and the paired kernel's start; eight
        // in four passes, the start once.
        assertEquals(1.8e-6 + 1.98e-6 + 0.2e-6, tile.seconds(4, 2), 1e-12);
        assertEquals(1.8e-6 + 3 * 1.98e-6 + 0.2e-6, tile.seconds(8, 2), 1e-12);
        assertTrue(factor.source().contains("caches of 16384 rows of one KV head")
                && factor.source().contains("at 2 queries a row (DecodeAttentionKernel), at 4 and at 8 "
                        + "(its passes of two after the first")
                && factor.source().contains("the kernel at 8 queries less at 4, 3.96e-06 s a tile a compute unit, "
                        + "against the tile line's 3.60e-06 s for those 2 further passes"), factor.source());
        assertTrue(start.source().contains("the kernel at 4 queries less at 2, less its one further pass"),
                start.source());
        // The GPU's rounds have no such run.
        assertTrue(GpuCalibrationTest.calibrated().decodeTile().orElseThrow().furtherPassFactor().isEmpty());
        assertTrue(GpuCalibrationTest.calibrated().decodeTile().orElseThrow().pairedStart().isEmpty());
    }

    @Test
    void furtherPassesTimedNoLongerThanTheFirstGiveNoFactorAndNoStart() {
        FurtherPassDecode.Times noisy = new FurtherPassDecode.Times(FURTHER_PASS.two(), FURTHER_PASS.four(),
                FURTHER_PASS.eight(), 20e-3, 37.85856e-3, 37e-3, 16384, 8192);
        DecodeTile line = calibrated(90e9).decodeTile().orElseThrow();
        assertTrue(noisy.factor(line).isEmpty());
        assertTrue(noisy.pairedStart(line).isEmpty());
    }

    @Test
    void aSecondPassCheaperThanTheLaterOnesGivesAStartBelowNothingAtLeastMinusThatPass() {
        // The kernel at 4 queries adds 1.5 us a tile to the one at 2, less than its further pass at the factor's 1.98:
        // the start is -0.48 us, and four heads in two passes take 1.8 + 1.98 - 0.48 us.
        FurtherPassDecode.Times quick = new FurtherPassDecode.Times(FURTHER_PASS.two(), FURTHER_PASS.four(),
                FURTHER_PASS.eight(), 20e-3, 20e-3 + 1.5e-6 * 8192, 20e-3 + 1.5e-6 * 8192 + 32.44032e-3, 16384, 8192);
        DecodeTile line = calibrated(90e9).decodeTile().orElseThrow();
        assertEquals(1.1, quick.factor(line).orElseThrow(), 1e-9);
        assertEquals(-0.48e-6, quick.pairedStart(line).orElseThrow(), 1e-12);
        DecodeTile signed = new DecodeTile(line.oneHead(), line.furtherHead(), Optional.empty(), Optional.empty(),
                line.furtherPassFactor(), Optional.of(new Figure(-0.48e-6, "test")));
        assertEquals(1.8e-6 + 1.98e-6 - 0.48e-6, signed.seconds(4, 2), 1e-12);
        // A kernel at 4 queries no slower than at 2 (within the noise): its second pass takes nothing, not less.
        FurtherPassDecode.Times free = new FurtherPassDecode.Times(FURTHER_PASS.two(), FURTHER_PASS.four(),
                FURTHER_PASS.eight(), 20e-3, 19.9e-3, 19.9e-3 + 32.44032e-3, 16384, 8192);
        assertEquals(-1.98e-6, free.pairedStart(line).orElseThrow(), 1e-12);
        DecodeTile held = new DecodeTile(line.oneHead(), line.furtherHead(), Optional.empty(), Optional.empty(),
                line.furtherPassFactor(), Optional.of(new Figure(-3e-6, "test: a start below minus the pass")));
        assertEquals(1.8e-6, held.seconds(4, 2), 1e-12);
    }

    @Test
    void oneUnitsBandwidthSaysWhatShareOfEveryUnitsItIs() {
        Figure unit = calibrated(90e9).unitBytesPerSecond().orElseThrow();
        assertEquals(26.1e9, unit.value());
        assertTrue(unit.source().contains("drew 30.0 GB/s: one unit alone draws 0.87 of it"), unit.source());
        Figure pageRuns = calibrated(90e9).unitPageRunBytesPerSecond().orElseThrow();
        assertEquals(20.3e9, pageRuns.value());
        assertTrue(pageRuns.source().contains("UnitPageRunKernel"), pageRuns.source());
        assertTrue(pageRuns.source().contains("drew 28.0 GB/s: one unit alone draws 0.73 of it"), pageRuns.source());
    }

    @Test
    void aCacheMeasuredFasterThanTheStreamSaysItWasMeasured() {
        Figure cache = calibrated(90e9).lastLevelCache().bandwidthBytesPerSecond();
        assertEquals(90e9, cache.value());
        assertTrue(cache.source().contains("best launch-corrected bandwidth at working sets of at most half the cache"),
                cache.source());
    }

    @Test
    void aCacheNoFasterThanTheStreamSaysItIsTheStreamsAndIsRaisedWithIt() {
        HardwareProfile p = calibrated(30e9);
        Figure cache = p.lastLevelCache().bandwidthBytesPerSecond();
        assertEquals(30e9, cache.value());
        assertTrue(cache.source().contains("no cache-resident triad ran at least 3 launches long and faster than the "
                + "triad beyond the cache"), cache.source());
        // The run's faster stream takes the cache with it (HardwareProfile.withDeviceMemory).
        HardwareProfile run = RunRates.medians(p, List.of(30e9, 35e9, 36e9), List.of(60e9), List.of(28e9), List.of(1.2),
                List.of(), "in the run");
        assertEquals(35e9, run.lastLevelCache().bandwidthBytesPerSecond().value());
    }
}
