package org.attnsim.sim.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DecodeTileRows;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.ForwardArithmetic;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.sim.Points;
import org.attnsim.sim.cost.OpCost;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.cost.Pass;
import org.attnsim.sim.workload.KvDtype;
import org.junit.jupiter.api.Test;

/** Hand-worked timings on the A100 40GB profile: 312 TFLOP/s bf16, 1555 GB/s, 2.436 Texp/s, 108 SMs. */
class RooflineTest {

    static OpCost op(double matrix, double vector, double exps, double bytes, double tiles, int launches) {
        return new OpCost("t", OpGroup.ATTENTION, Pass.FORWARD, matrix, vector, exps, bytes, bytes, tiles, launches, 1);
    }

    @Test
    void plainRooflineIsWorkOverPeak() {
        OpTiming t = Roofline.time(op(312e12, 0, 0, 1555e9 / 2, 0, 1), Points.A100, Dtype.BF16, Terms.none());
        assertEquals(1.0, t.seconds(), 1e-12);
        assertEquals(Bound.MATRIX, t.bound());
        OpTiming m = Roofline.time(op(312e12 / 4, 0, 0, 1555e9, 0, 1), Points.A100, Dtype.BF16, Terms.none());
        assertEquals(1.0, m.seconds(), 1e-12);
        assertEquals(Bound.MEMORY, m.bound());
    }

    @Test
    void achievablePeakDividesByTheProfileFraction() {
        Terms t = Terms.none().with(Term.ACHIEVABLE_PEAK, true);
        // 0.80 of 312 TFLOP/s: 312e12 FLOPs take 1.25 s.
        assertEquals(1.25, Roofline.time(op(312e12, 0, 0, 0, 0, 1), Points.A100, Dtype.BF16, t).seconds(), 1e-12);
    }

    @Test
    void serialisationAddsExponentialTimeToMatrixTime() {
        OpCost fused = op(312e12, 0, 2.436e12, 0, 0, 1);
        assertEquals(1.0, Roofline.time(fused, Points.A100, Dtype.BF16, Terms.none()).seconds(), 1e-12);
        Terms serial = Terms.none().with(Term.SOFTMAX_SERIALISATION, true).with(Term.SPECIAL_FUNCTION_UNIT, true);
        assertEquals(2.0, Roofline.time(fused, Points.A100, Dtype.BF16, serial).seconds(), 1e-12);
        // Without the special-function unit term, exponentials are free as in a FLOP-only roofline.
        assertEquals(1.0, Roofline.time(fused, Points.A100, Dtype.BF16,
                Terms.none().with(Term.SOFTMAX_SERIALISATION, true)).seconds(), 1e-12);
    }

    @Test
    void waveQuantisationCountsWholeWaves() {
        Terms waves = Terms.none().with(Term.WAVE_QUANTISATION, true);
        // 109 work items on 108 SMs take two waves: 109 / 216 of the slots are busy.
        OpTiming t = Roofline.time(op(312e12, 0, 0, 0, 109, 1), Points.A100, Dtype.BF16, waves);
        assertEquals(109.0 / 216.0, t.waveEfficiency(), 1e-12);
        assertEquals(216.0 / 109.0, t.seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(op(312e12, 0, 0, 0, 216, 1), Points.A100, Dtype.BF16, waves).seconds(), 1e-12);
    }

    @Test
    void launchLatencyIsPaidPerLaunch() {
        Terms t = Terms.none().with(Term.LAUNCH_LATENCY, true);
        OpTiming tiny = Roofline.time(op(1e6, 0, 0, 0, 1, 3), Points.A100, Dtype.BF16, t);
        assertEquals(3 * 4e-6 + 1e6 / 312e12, tiny.seconds(), 1e-15);
        assertEquals(Bound.LAUNCH, tiny.bound());
    }

    @Test
    void afterOtherWorkEachLaunchWakesAndEachOpBringsBackItsState() {
        // 4 us back to back, 70 us after other work, and 25 us for each op's state.
        HardwareProfile measured = Points.A100.withLaunchAfterWork(Optional.of(new Figure(70e-6, "test")),
                Optional.of(new Figure(25e-6, "test")), Optional.empty());
        OpCost three = op(1e6, 0, 0, 0, 1, 3);
        OpCost stage = op(1e6, 0, 0, 0, 1, 0);
        Terms launches = Terms.none().with(Term.LAUNCH_LATENCY, true);
        Terms afterWork = launches.with(Term.LAUNCH_AFTER_WORK, true);
        double work = 1e6 / 312e12;
        OpTiming launched = Roofline.time(three, measured, Dtype.BF16, afterWork);
        assertEquals(3 * 70e-6 + 25e-6 + work, launched.seconds(), 1e-15);
        assertEquals(3 * 70e-6, launched.launchSeconds(), 1e-15);
        assertEquals(25e-6, launched.startSeconds(), 1e-15);
        assertEquals(25e-6 + work, Roofline.time(stage, measured, Dtype.BF16, afterWork).seconds(), 1e-15);
        assertEquals(Bound.LAUNCH, Roofline.time(stage, measured, Dtype.BF16, afterWork).bound());
        // Off, or a profile without the figures: the back-to-back latency alone.
        assertEquals(3 * 4e-6 + work, Roofline.time(three, measured, Dtype.BF16, launches).seconds(), 1e-15);
        assertEquals(3 * 4e-6 + work, Roofline.time(three, Points.A100, Dtype.BF16, afterWork).seconds(), 1e-15);
        assertEquals(work, Roofline.time(stage, Points.A100, Dtype.BF16, afterWork).seconds(), 1e-15);
        // Without the launch latency term no launch costs anything, after work or not.
        assertEquals(work, Roofline.time(three, measured, Dtype.BF16,
                Terms.none().with(Term.LAUNCH_AFTER_WORK, true)).seconds(), 1e-15);
    }

    @Test
    void aFusedLaunchsStagesAfterItsFirstTakeTheStageStartWhereTheProfileMeasuredOne() {
        // 70 us a launch after other work, 25 us an op's start, 8 us each further stage's.
        HardwareProfile measured = Points.A100.withLaunchAfterWork(Optional.of(new Figure(70e-6, "test")),
                Optional.of(new Figure(25e-6, "test")), Optional.of(new Figure(8e-6, "test")));
        OpCost launched = op(1e6, 0, 0, 0, 1, 1);
        OpCost stage = op(1e6, 0, 0, 0, 1, 0);
        Terms afterWork = Terms.none().with(Term.LAUNCH_LATENCY, true).with(Term.LAUNCH_AFTER_WORK, true);
        double work = 1e6 / 312e12;
        assertEquals(70e-6 + 25e-6 + work, Roofline.time(launched, measured, Dtype.BF16, afterWork).seconds(), 1e-15);
        OpTiming further = Roofline.time(stage, measured, Dtype.BF16, afterWork);
        assertEquals(8e-6 + work, further.seconds(), 1e-15);
        assertEquals(8e-6, further.startSeconds(), 1e-15);
        // Without the launch-after-work term a stage pays nothing, as before.
        assertEquals(work, Roofline.time(stage, measured, Dtype.BF16,
                Terms.none().with(Term.LAUNCH_LATENCY, true)).seconds(), 1e-15);
    }

    @Test
    void integerLanesRunAtTheirOwnRateOnHopper() {
        Terms t = Terms.none().with(Term.INTEGER_LANES, true);
        // 9e12 vector ops, 7e12 of them integer or compare. H100 SXM: fp32 lanes 66.9e12 / 2 instructions/s,
        // INT32 lanes 16.73e12/s (64 per SM per clock x 132 x 1.98 GHz): 2e12 / 33.45e12 + 7e12 / 16.73e12 s.
        OpCost mixed = op(0, 9e12, 0, 0, 0, 1).withOtherVectorOps(7e12);
        assertEquals(2e12 / 33.45e12 + 7e12 / 16.73e12, Roofline.time(mixed, Points.H100, Dtype.BF16, t).seconds(), 1e-9);
        // Without the term all nine run at the fp32 lanes' rate.
        assertEquals(9e12 / 33.45e12, Roofline.time(mixed, Points.H100, Dtype.BF16, Terms.none()).seconds(), 1e-9);
        // On an A100 both lane kinds do 64 per SM per clock: 9.75e12/s either way.
        assertEquals(9e12 / 9.75e12, Roofline.time(mixed, Points.A100, Dtype.BF16, t).seconds(), 1e-9);
    }

    @Test
    void hostTimeOfATritonLauncherAddsToTheLaunches() {
        Terms t = Terms.none().with(Term.LAUNCH_LATENCY, true);
        OpCost triton = op(1e6, 0, 0, 0, 1, 2).withHostSeconds(62e-6);
        // 2 launches of 4 us, 62 us of host time, 1e6 / 312e12 s of work.
        assertEquals(2 * 4e-6 + 62e-6 + 1e6 / 312e12, Roofline.time(triton, Points.A100, Dtype.BF16, t).seconds(), 1e-15);
        assertEquals(1e6 / 312e12, Roofline.time(triton, Points.A100, Dtype.BF16, Terms.none()).seconds(), 1e-15);
    }

    @Test
    void sizeEfficiencyAddsTheHalfRateStartUp() {
        Terms t = Terms.none().with(Term.SIZE_EFFICIENCY, true);
        // A100 profile: matrix n-half 0.6 GFLOP, memory n-half 1.5 MB.
        assertEquals((312e9 + 0.6e9) / 312e12,
                Roofline.time(op(312e9, 0, 0, 0, 0, 1), Points.A100, Dtype.BF16, t).seconds(), 1e-15);
        assertEquals((1555e6 + 1.5e6) / 1555e9,
                Roofline.time(op(0, 0, 0, 1555e6, 0, 1), Points.A100, Dtype.BF16, t).seconds(), 1e-15);
    }

    /**
     * The bundled 64-core CPU (fp32 FMA peak 6.35 TFLOP/s, DDR5 460.8 GB/s) with a one-chain FMA rate of
     * 0.5 TFLOP/s, scalar code at 2 G op/s, scalar exponentials at 0.25 G/s and a page-run bandwidth of 10 GB/s.
     */
    static HardwareProfile cpuWithChainRate() {
        HardwareProfile p = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        return p.withRates(p.matrixFlopsPerSecond(), p.vectorFlopsPerSecond(), p.exponentialsPerSecond(),
                Optional.of(new Figure(0.5e12, "test")), Optional.of(new Figure(2e9, "test")),
                Optional.of(new Figure(0.25e9, "test")), p.deviceMemory(), Optional.of(new Figure(10e9, "test")));
    }

    @Test
    void fmaLatencyMakesChainedFlopsWaitOnDevicesThatCannotHideIt() {
        HardwareProfile cpu = cpuWithChainRate();
        Terms t = Terms.none().with(Term.FMA_LATENCY, true);
        // 6.35e12 FLOPs take 1 s at peak; 2e12 of them in 2 chains wait 2e12 / (2 x 0.5e12) = 2 s instead of
        // 2e12 / 6.35e12 s.
        OpCost chained = op(6.35e12, 0, 0, 0, 0, 1).withChains(2e12, 2, 0);
        assertEquals(1 + 2 - 2e12 / 6.35e12, Roofline.time(chained, cpu, Dtype.FP32, t).seconds(), 1e-12);
        // Twenty chains in flight cover the latency: 2e12 / (20 x 0.5e12) = 0.2 s is under the throughput share.
        assertEquals(1.0, Roofline.time(op(6.35e12, 0, 0, 0, 0, 1).withChains(2e12, 20, 0), cpu, Dtype.FP32, t)
                .seconds(), 1e-12);
        // Dots of 128 where the profile timed them too, at 0.625e12 FLOP/s: 2e12 / (2 x 0.625e12) = 1.6 s. Dots of 64,
        // or of a length not known, at the 64 rate.
        HardwareProfile both = cpu.withDependentFmaRate128(Optional.of(new Figure(0.625e12, "test")));
        assertEquals(1 + 1.6 - 2e12 / 6.35e12, Roofline.time(op(6.35e12, 0, 0, 0, 0, 1).withChains(2e12, 2, 128), both,
                Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1 + 2 - 2e12 / 6.35e12, Roofline.time(op(6.35e12, 0, 0, 0, 0, 1).withChains(2e12, 2, 64), both,
                Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1 + 2 - 2e12 / 6.35e12, Roofline.time(chained, both, Dtype.FP32, t).seconds(), 1e-12);
        // Term off, or a profile without the figure (the bundled one, like every GPU profile): no wait.
        assertEquals(1.0, Roofline.time(chained, cpu, Dtype.FP32, Terms.none()).seconds(), 1e-12);
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        assertEquals(1.0, Roofline.time(chained, bundled, Dtype.FP32, t).seconds(), 1e-12);
    }

    @Test
    void aGpuHidesFmaLatencyWhateverItsProfileSays() {
        HardwareProfile p = Points.H100;
        HardwareProfile h100 = p.withRates(p.matrixFlopsPerSecond(), p.vectorFlopsPerSecond(),
                p.exponentialsPerSecond(), Optional.of(new Figure(0.5e12, "test")), Optional.empty(), Optional.empty(), p.deviceMemory(),
                Optional.empty());
        Terms t = Terms.none().with(Term.FMA_LATENCY, true);
        // 1e12 FLOPs at the H100 SXM's 989.4 TFLOP/s bf16 dense peak, 0.5e12 of them in 2 chains: no wait.
        OpCost chained = op(1e12, 0, 0, 0, 0, 1).withChains(0.5e12, 2, 0);
        assertEquals(1e12 / h100.matrixPeak(Dtype.BF16), Roofline.time(chained, h100, Dtype.BF16, t).seconds(), 1e-15);
    }

    @Test
    void aGpuDecodingLoopTakesItsMeasuredTileTime() {
        HardwareProfile h100 = Points.H100.withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "test"),
                new Figure(0.25e-6, "test"))));
        Terms t = Terms.none().with(Term.DECODE_TILES, true);
        // 1,320 tiles of 3 heads on 132 SMs: 10 tiles an SM at 1 + 2 x 0.25 us each, 15 us; its 1e9 FLOPs
        // (1 us at the peak) and 1e9 exponentials no longer count.
        OpCost loop = op(1e9, 0, 1e9, 0, 0, 1).withTileLoops(1320, 3);
        assertEquals(15e-6, Roofline.time(loop, h100, Dtype.BF16, t.with(Term.SPECIAL_FUNCTION_UNIT, true)).seconds(),
                1e-15);
        // Term off, or a profile without the figure (every bundled one): the arithmetic.
        assertEquals(1e9 / h100.matrixPeak(Dtype.BF16), Roofline.time(loop, h100, Dtype.BF16, Terms.none()).seconds(),
                1e-15);
        assertEquals(1e9 / h100.matrixPeak(Dtype.BF16), Roofline.time(loop, Points.H100, Dtype.BF16, t).seconds(),
                1e-15);
    }

    @Test
    void aCpuDecodingLoopsPassesAfterTheFirstOverlapNoReads() {
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2)
                .withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "test"), new Figure(0.25e-6, "test"))));
        Terms t = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);
        // 64,000 tiles on 64 cores, 1,000 a core, of 4 heads in two passes of 2: 1 + 0.25 us a pass. The first pass
        // (1.25 ms) runs alongside 576 MB at 460.8 GB/s (1.25 ms), p = 2: sqrt(2) x 1.25 ms; the second pass walks
        // the rows again, 1.25 ms, and adds.
        OpCost paired = op(0, 0, 0, 576e6, 0, 1).withTileLoops(64_000, 4, 2);
        assertEquals(Math.sqrt(2) * 1.25e-3 + 1.25e-3, Roofline.time(paired, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // Three heads: a pass of 2, then a pass of the one left, 1 ms.
        OpCost odd = op(0, 0, 0, 576e6, 0, 1).withTileLoops(64_000, 3, 2);
        assertEquals(Math.sqrt(2) * 1.25e-3 + 1e-3, Roofline.time(odd, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // All four heads in one pass: sqrt(1.75^2 + 1.25^2) ms.
        OpCost onePass = op(0, 0, 0, 576e6, 0, 1).withTileLoops(64_000, 4);
        assertEquals(Math.hypot(1.75e-3, 1.25e-3), Roofline.time(onePass, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // A group no larger than a pass: one pass, whatever the pass could hold.
        OpCost pair = op(0, 0, 0, 576e6, 0, 1).withTileLoops(64_000, 2, 2);
        assertEquals(Math.sqrt(2) * 1.25e-3, Roofline.time(pair, cpu, Dtype.FP32, t).seconds(), 1e-15);
        assertEquals(Math.sqrt(2) * 1.25e-3, Roofline.time(pair.withTileLoops(64_000, 2, 4), cpu, Dtype.FP32, t)
                .seconds(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> pair.withTileLoops(64_000, 2, 0));
    }

    @Test
    void aCpuDecodingLoopsTilesCostWhatTheirRowsLengthSays() {
        // Tiles of rows of 64 floats: 1 + 0.25 us a pass of two heads; of 128: 1.8 + 0.45 us.
        DecodeTile tile = new DecodeTile(new Figure(1e-6, "test"), new Figure(0.25e-6, "test"))
                .withRows(new DecodeTileRows(128, new Figure(1.8e-6, "test"), new Figure(0.45e-6, "test")));
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2)
                .withDecodeTile(Optional.of(tile));
        Terms t = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);
        // 64,000 tiles on 64 cores, 1,000 a core, of two heads, beside 576 MB at 460.8 GB/s (1.25 ms), p = 2.
        OpCost d64 = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 64).withTileLoops(64_000, 2, 2);
        assertEquals(Math.hypot(1.25e-3, 1.25e-3), Roofline.time(d64, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // Rows of 128 floats: 2.25 ms of tiles; of 96, half-way between, 1.75 ms.
        OpCost d128 = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 128).withTileLoops(64_000, 2, 2);
        assertEquals(Math.hypot(2.25e-3, 1.25e-3), Roofline.time(d128, cpu, Dtype.FP32, t).seconds(), 1e-15);
        OpCost d96 = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 96).withTileLoops(64_000, 2, 2);
        assertEquals(Math.hypot(1.75e-3, 1.25e-3), Roofline.time(d96, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // An op that does not say its rows' length takes the tiles of 64.
        OpCost unknown = op(0, 0, 0, 576e6, 0, 1).withTileLoops(64_000, 2, 2);
        assertEquals(Math.hypot(1.25e-3, 1.25e-3), Roofline.time(unknown, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // With the exponents measured at 128 too (4 for two heads, where the profile's is 2; 3 for the kernel's one
        // head, where it is 1): at 96 a pass of two heads takes p = 3, one of one head p = 2.
        HardwareProfile wide = cpu.withDecodeTile(Optional.of(tile.withOneHeadOverlapExponent(Optional.of(
                new Figure(1, "test"))).withRows(new DecodeTileRows(128, new Figure(1.8e-6, "test"),
                        new Figure(0.45e-6, "test"), Optional.of(new Figure(4, "test")),
                        Optional.of(new Figure(3, "test")), Optional.empty(), Optional.empty()))));
        assertEquals(Math.pow(Math.pow(1.75e-3, 3) + Math.pow(1.25e-3, 3), 1.0 / 3),
                Roofline.time(d96, wide, Dtype.FP32, t).seconds(), 1e-15);
        // One head at 96: 1.4 us a tile, 1.4 ms, beside 1.25 ms at p = 2.
        OpCost one = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 96).withTileLoops(64_000, 1, 2);
        assertEquals(Math.hypot(1.4e-3, 1.25e-3), Roofline.time(one, wide, Dtype.FP32, t).seconds(), 1e-15);
    }

    @Test
    void aQuantisedCachesLoopTakesItsFiguresAtTheRowsLength() {
        // fp32 tiles of rows of 64 floats: 1 + 0.25 us a pass of two heads; of 128: 1.8 + 0.45 us. Over int8 rows,
        // factors 0.8 and 1.2 at 64 (1.1 us), 0.5 and 1.0 at 128 (1.35 us); passes of two at p 3 at 64, 4 at 128.
        DecodeTileQuantised at128 = new DecodeTileQuantised(new Figure(0.5, "test"), new Figure(1.0, "test"),
                Optional.of(new Figure(4, "test")), Optional.empty(), Optional.empty(), Optional.empty());
        DecodeTile tile = new DecodeTile(new Figure(1e-6, "test"), new Figure(0.25e-6, "test"))
                .withRows(new DecodeTileRows(128, new Figure(1.8e-6, "test"), new Figure(0.45e-6, "test")))
                .withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.8, "test"), new Figure(1.2, "test"),
                        Optional.of(new Figure(3, "test")), Optional.empty(), Optional.empty(), Optional.empty(),
                        List.of(new DecodeTileQuantised.Rows(128, at128)))));
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2)
                .withDecodeTile(Optional.of(tile));
        Terms t = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);
        // 1,000 tiles a core of two heads beside 576 MB at 460.8 GB/s (1.25 ms): at 64, 1.1 ms at p 3; at 128, 1.35
        // ms at p 4; at 96, half-way: 1.225 ms at p 3.5.
        OpCost d64 = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 64).withTileLoops(64_000, 2, 2);
        assertEquals(Math.cbrt(Math.pow(1.1, 3) + Math.pow(1.25, 3)) * 1e-3,
                Roofline.time(d64, cpu, Dtype.FP32, KvDtype.INT8, t).seconds(), 1e-15);
        OpCost d128 = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 128).withTileLoops(64_000, 2, 2);
        assertEquals(Math.pow(Math.pow(1.35, 4) + Math.pow(1.25, 4), 0.25) * 1e-3,
                Roofline.time(d128, cpu, Dtype.FP32, KvDtype.INT8, t).seconds(), 1e-15);
        OpCost d96 = op(0, 0, 0, 576e6, 0, 1).withChains(0, 4, 96).withTileLoops(64_000, 2, 2);
        assertEquals(Math.pow(Math.pow(1.225, 3.5) + Math.pow(1.25, 3.5), 1 / 3.5) * 1e-3,
                Roofline.time(d96, cpu, Dtype.FP32, KvDtype.INT8, t).seconds(), 1e-15);
    }

    @Test
    void aDecodingPassOfOneHeadTakesTheKernelsOwnExponent() {
        DecodeTile tile = new DecodeTile(new Figure(1e-6, "test"), new Figure(0.25e-6, "test"),
                Optional.of(new Figure(4, "test: the decoding kernel at one query a row")));
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2)
                .withDecodeTile(Optional.of(tile));
        Terms t = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);
        // 64,000 tiles on 64 cores, 1,000 a core, of one head: 1 ms alongside 921.6 MB at 460.8 GB/s (2 ms), p = 4:
        // (1 + 16)^(1/4) ms, where the profile's p = 2 would give sqrt(5).
        OpCost mha = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 1, 2);
        assertEquals(Math.pow(17, 0.25) * 1e-3, Roofline.time(mha, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // Two heads in the pass (1.25 ms) take the profile's p = 2: hypot(1.25, 2) ms; so does the first pass of four
        // heads in pairs, its second pass (1.25 ms) added.
        OpCost pair = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 2, 2);
        assertEquals(Math.hypot(1.25e-3, 2e-3), Roofline.time(pair, cpu, Dtype.FP32, t).seconds(), 1e-15);
        OpCost four = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 4, 2);
        assertEquals(Math.hypot(1.25e-3, 2e-3) + 1.25e-3, Roofline.time(four, cpu, Dtype.FP32, t).seconds(), 1e-15);
        // Without the kernel's exponent, the one-head pass takes the profile's.
        HardwareProfile plain = cpu.withDecodeTile(Optional.of(new DecodeTile(tile.oneHead(), tile.furtherHead())));
        assertEquals(Math.sqrt(5) * 1e-3, Roofline.time(mha, plain, Dtype.FP32, t).seconds(), 1e-15);
    }

    @Test
    void aDecodingLoopOverAnInt8CacheTakesTheLoopsInt8FiguresAndTheInt8KernelsExponent() {
        DecodeTile tile = new DecodeTile(new Figure(1e-6, "test"), new Figure(0.25e-6, "test"),
                Optional.of(new Figure(4, "test: the decoding kernel at one query a row")))
                .withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.9, "test: one head over int8 rows"),
                        new Figure(1.2, "test: each further head over int8 rows"),
                        Optional.of(new Figure(3, "test: the int8 kernel at one query a row")))));
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2)
                .withDecodeTile(Optional.of(tile));
        Terms t = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);
        // 1,000 one-head tiles a core at 0.9 us (0.9 ms) beside an int8 cache's 921.6 MB at 460.8 GB/s (2 ms): p = 3,
        // where the same bytes of an fp32 or bf16 cache take the fp32 loop (1 ms) at the fp32 kernel's p = 4.
        OpCost mha = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 1, 2);
        assertEquals(Math.cbrt(0.729 + 8) * 1e-3, Roofline.time(mha, cpu, Dtype.FP32, KvDtype.INT8, t).seconds(),
                1e-15);
        assertEquals(Math.pow(17, 0.25) * 1e-3, Roofline.time(mha, cpu, Dtype.FP32, KvDtype.FP32, t).seconds(), 1e-15);
        assertEquals(Math.pow(17, 0.25) * 1e-3, Roofline.time(mha, cpu, Dtype.FP32, KvDtype.BF16, t).seconds(), 1e-15);
        // Two heads a pass over int8 rows: 0.9 + 1.2 x 0.25 us a tile, 1.2 ms, at the profile's p = 2.
        OpCost pair = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 2, 2);
        assertEquals(Math.hypot(1.2e-3, 2e-3), Roofline.time(pair, cpu, Dtype.FP32, KvDtype.INT8, t).seconds(), 1e-15);
        // Without the loop's int8 figures, the fp32 loop and kernel price the int8 cache too.
        HardwareProfile older = cpu.withDecodeTile(Optional.of(tile.withInt8(Optional.empty())));
        assertEquals(Math.pow(17, 0.25) * 1e-3, Roofline.time(mha, older, Dtype.FP32, KvDtype.INT8, t).seconds(),
                1e-15);
    }

    @Test
    void aDecodingLoopOverAnFp8CacheTakesTheLoopsFp8FiguresNotInt8s() {
        DecodeTile tile = new DecodeTile(new Figure(1e-6, "test"), new Figure(0.25e-6, "test"),
                Optional.of(new Figure(4, "test: the decoding kernel at one query a row")))
                .withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.9, "test: one head over int8 rows"),
                        new Figure(1.2, "test: each further head over int8 rows"),
                        Optional.of(new Figure(3, "test: the int8 kernel at one query a row")))))
                .withFp8(Optional.of(new DecodeTileQuantised(new Figure(2, "test: one head over fp8 rows"),
                        new Figure(2.4, "test: each further head over fp8 rows"),
                        Optional.of(new Figure(1.5, "test: the fp8 kernel at two queries a row")),
                        Optional.of(new Figure(6, "test: the fp8 kernel at one query a row")), Optional.empty(),
                        Optional.empty())));
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2)
                .withDecodeTile(Optional.of(tile));
        Terms t = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);
        // 1,000 one-head tiles a core at 2 us (2 ms) beside the cache's 921.6 MB at 460.8 GB/s (2 ms): the fp8
        // kernel's p = 6, 2^(7/6) ms; int8's (0.9 ms at p = 3) as before.
        OpCost mha = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 1, 2);
        assertEquals(Math.pow(2, 7.0 / 6) * 1e-3, Roofline.time(mha, cpu, Dtype.FP32, KvDtype.FP8, t).seconds(),
                1e-15);
        assertEquals(Math.cbrt(0.729 + 8) * 1e-3, Roofline.time(mha, cpu, Dtype.FP32, KvDtype.INT8, t).seconds(),
                1e-15);
        // Two heads a pass over fp8 rows: 2 + 2.4 x 0.25 us a tile, 2.6 ms, at the fp8 kernel's p = 1.5 for such
        // passes: (2.6^1.5 + 2^1.5)^(1/1.5) ms.
        OpCost pair = op(0, 0, 0, 921.6e6, 0, 1).withTileLoops(64_000, 2, 2);
        assertEquals(Math.pow(Math.pow(2.6, 1.5) + Math.pow(2, 1.5), 1 / 1.5) * 1e-3,
                Roofline.time(pair, cpu, Dtype.FP32, KvDtype.FP8, t).seconds(), 1e-15);
        // Without fp8 figures the fp32 loop prices an fp8 cache, not int8's: (1 + 16)^(1/4) ms.
        HardwareProfile noFp8 = cpu.withDecodeTile(Optional.of(tile.withFp8(Optional.empty())));
        assertEquals(Math.pow(17, 0.25) * 1e-3, Roofline.time(mha, noFp8, Dtype.FP32, KvDtype.FP8, t).seconds(),
                1e-15);
    }

    @Test
    void aMeasuredOverlapExponentBlendsComputeAndMemoryTime() {
        Terms t = Terms.none().with(Term.MEASURED_OVERLAP, true);
        // 6.35e12 FLOPs take 1 s at the FMA peak and 460.8e9 bytes 1 s at the DDR5 peak.
        OpCost even = op(6.35e12, 0, 0, 460.8e9, 0, 1);
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        // p = 2: sqrt(1^2 + 1^2) s; p = 1: their sum; no exponent (every bundled profile): the maximum.
        assertEquals(Math.sqrt(2), Roofline.time(even, withOverlap(bundled, 2), Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(2.0, Roofline.time(even, withOverlap(bundled, 1), Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(even, bundled, Dtype.FP32, t).seconds(), 1e-12);
        // p = 3 with 3 s of memory against 1 s of arithmetic: (1 + 27)^(1/3) = 3.0366 s.
        OpCost heavy = op(6.35e12, 0, 0, 3 * 460.8e9, 0, 1);
        assertEquals(Math.cbrt(28), Roofline.time(heavy, withOverlap(bundled, 3), Dtype.FP32, t).seconds(), 1e-12);
        // p = 0.8, below 1: the 1 s of arithmetic and the 3 s of memory at 0.8 of the bandwidth, 1 + 3.75 s.
        assertEquals(4.75, Roofline.time(heavy, withOverlap(bundled, 0.8), Dtype.FP32, t).seconds(), 1e-12);
        // An op with no memory traffic, or none of arithmetic, takes its one time whatever p.
        assertEquals(1.0, Roofline.time(op(6.35e12, 0, 0, 0, 0, 1), withOverlap(bundled, 1), Dtype.FP32, t)
                .seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(op(0, 0, 0, 460.8e9, 0, 1), withOverlap(bundled, 1), Dtype.FP32, t)
                .seconds(), 1e-12);
        // Term off: the maximum.
        assertEquals(1.0, Roofline.time(even, withOverlap(bundled, 1), Dtype.FP32, Terms.none()).seconds(), 1e-12);
    }

    static HardwareProfile withOverlap(HardwareProfile p, double exponent) {
        return p.withOverlapExponent(Optional.of(new Figure(exponent, "test")));
    }

    @Test
    void aStatisticsPassOfItsOwnAddsToTheOverlappedReadsOnACpu() {
        Terms t = Terms.none().with(Term.MEASURED_OVERLAP, true).with(Term.STATISTICS_PASS, true)
                .with(Term.SPECIAL_FUNCTION_UNIT, true);
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 3);
        // 1 s of FMAs at 6.35 TFLOP/s, 1 s of exponentials at 417 Gexp/s, 3 s of DDR5 at 460.8 GB/s, p = 3.
        OpCost alongside = op(6.35e12, 0, 417e9, 3 * 460.8e9, 0, 1);
        OpCost apart = alongside.withStatisticsApart();
        // The pass apart: the FMAs overlap the reads, (1 + 27)^(1/3) s, then the exponentials' 1 s.
        assertEquals(Math.cbrt(28) + 1, Roofline.time(apart, cpu, Dtype.FP32, t).seconds(), 1e-12);
        // Alongside, or with the term off: all 2 s of arithmetic overlap the reads, (8 + 27)^(1/3) s.
        assertEquals(Math.cbrt(35), Roofline.time(alongside, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(35), Roofline.time(apart, cpu, Dtype.FP32, t.with(Term.STATISTICS_PASS, false))
                .seconds(), 1e-12);
        // A GPU's other warps read while one computes: no change (A100: 1555 GB/s for 1 s of reads).
        OpCost gpu = op(0, 0, 0, 1555e9, 0, 1).withStatisticsApart();
        assertEquals(1.0, Roofline.time(gpu, Points.A100, Dtype.FP32, t).seconds(), 1e-12);
    }

    @Test
    void kOnceScoresTakeTheMeasuredFactorOnTheirArithmeticForTheirHeadsARowOnACpu() {
        Terms t = Terms.none().with(Term.MEASURED_OVERLAP, true).with(Term.STATISTICS_PASS, true)
                .with(Term.SPECIAL_FUNCTION_UNIT, true);
        ScoresArithmetic measured = new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(1, new Figure(1, "measured: one head a row")),
                new ScoresArithmetic.Case(4, new Figure(2, "measured: four")),
                new ScoresArithmetic.Case(8, new Figure(3, "measured: eight"))));
        HardwareProfile cpu = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 3)
                .withOnceScoresArithmetic(Optional.of(measured));
        // 1 s of FMAs at 6.35 TFLOP/s and 3 s of DDR5 at 460.8 GB/s, p = 3, then 1 s of exponentials apart.
        OpCost scores = op(6.35e12, 0, 417e9, 3 * 460.8e9, 0, 1).withStatisticsApart();
        // One head a row: factor 1, (1 + 27)^(1/3) + 1 s.
        assertEquals(Math.cbrt(28) + 1, Roofline.time(scores.withOnceScoreHeads(1), cpu, Dtype.FP32, t).seconds(),
                1e-12);
        // Four: 2 s of FMAs, (8 + 27)^(1/3) + 1 s; eight: 3 s, (27 + 27)^(1/3) + 1 s.
        OpTiming four = Roofline.time(scores.withOnceScoreHeads(4), cpu, Dtype.FP32, t);
        assertEquals(Math.cbrt(35) + 1, four.seconds(), 1e-12);
        assertEquals(2, four.matrixSeconds(), 1e-12);
        assertEquals(Math.cbrt(54) + 1, Roofline.time(scores.withOnceScoreHeads(8), cpu, Dtype.FP32, t).seconds(),
                1e-12);
        // Two heads, halfway in log2 between 1 and 4 heads: factor 1.5, (3.375 + 27)^(1/3) + 1 s.
        assertEquals(Math.cbrt(30.375) + 1, Roofline.time(scores.withOnceScoreHeads(2), cpu, Dtype.FP32, t)
                .seconds(), 1e-12);
        // Measured at d 96 too (2.5 at four heads): an op whose dot products run along 96 floats takes it, one along 80
        // half-way from d 64's 2, one along 128 d 96's (held beyond); an op that does not say takes d 64's.
        HardwareProfile byDim = cpu.withOnceScoresArithmetic(Optional.of(measured.plus(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(96, 4, new Figure(2.5, "measured: four at d 96")))))));
        assertEquals(Math.cbrt(2.5 * 2.5 * 2.5 + 27) + 1, Roofline.time(scores.withOnceScoreHeads(4)
                .withChains(0, 4, 96), byDim, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(2.25 * 2.25 * 2.25 + 27) + 1, Roofline.time(scores.withOnceScoreHeads(4)
                .withChains(0, 4, 80), byDim, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(2.5 * 2.5 * 2.5 + 27) + 1, Roofline.time(scores.withOnceScoreHeads(4)
                .withChains(0, 4, 128), byDim, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(35) + 1, Roofline.time(scores.withOnceScoreHeads(4), byDim, Dtype.FP32, t).seconds(),
                1e-12);
        // Other ops, profiles without the figure and GPUs keep the counted arithmetic.
        assertEquals(Math.cbrt(28) + 1, Roofline.time(scores, cpu, Dtype.FP32, t).seconds(), 1e-12);
        HardwareProfile general = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 3);
        assertEquals(Math.cbrt(28) + 1, Roofline.time(scores.withOnceScoreHeads(8), general, Dtype.FP32, t)
                .seconds(), 1e-12);
        OpTiming gpu = Roofline.time(scores.withOnceScoreHeads(8),
                Points.A100.withOnceScoresArithmetic(Optional.of(measured)), Dtype.FP32, t);
        assertEquals(Roofline.time(scores, Points.A100, Dtype.FP32, t).seconds(), gpu.seconds(), 1e-15);
        // K stored twice takes the profile's K-twice factors, and only those.
        HardwareProfile twice = withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 3)
                .withTwiceScoresArithmetic(Optional.of(measured));
        OpCost fourTwice = scores.withTwiceScoreHeads(4, 0);
        assertEquals(Math.cbrt(35) + 1, Roofline.time(fourTwice, twice, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(28) + 1, Roofline.time(fourTwice, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(28) + 1, Roofline.time(scores.withOnceScoreHeads(4), twice, Dtype.FP32, t).seconds(),
                1e-12);
        // Read in passes, the K-twice factors measured on that kernel where the profile has them (four heads: 3 s of
        // FMAs, (27 + 27)^(1/3) + 1 s), else the K-twice ones; not read in passes, never those.
        HardwareProfile passes = twice.withTwicePassesScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(4, new Figure(3, "measured: four, in passes"))))));
        OpCost fourInPasses = scores.withPageRuns(1e9).withTwiceScoreHeads(4, 1e9);
        assertEquals(Math.cbrt(54) + 1, Roofline.time(fourInPasses, passes, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(35) + 1, Roofline.time(fourInPasses, twice, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(Math.cbrt(35) + 1, Roofline.time(fourTwice, passes, Dtype.FP32, t).seconds(), 1e-12);
    }

    @Test
    void theForwardKernelTakesTheMeasuredFactorOnItsArithmeticAtItsHeadDimensionOnACpu() {
        Terms t = Terms.none().with(Term.FORWARD_ARITHMETIC, true);
        ForwardArithmetic measured = new ForwardArithmetic(List.of(
                new ForwardArithmetic.Case(32, new Figure(1.25, "measured: d 32")),
                new ForwardArithmetic.Case(128, new Figure(0.75, "measured: d 128"))));
        HardwareProfile general = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile cpu = general.withForwardArithmetic(Optional.of(measured));
        // 1 s of FMAs at 6.35 TFLOP/s.
        OpCost forward = op(6.35e12, 0, 0, 0, 0, 1);
        assertEquals(1.25, Roofline.time(forward.withForwardHeadDim(32), cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(0.75, Roofline.time(forward.withForwardHeadDim(128), cpu, Dtype.FP32, t).seconds(), 1e-12);
        // d 64, halfway in log2 from d 32 to d 128: 1.25 - 0.5 x 0.5 = 1 s; beyond the cases, the nearest.
        assertEquals(1.0, Roofline.time(forward.withForwardHeadDim(64), cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(0.75, Roofline.time(forward.withForwardHeadDim(256), cpu, Dtype.FP32, t).seconds(), 1e-12);
        // Other ops, the term off, profiles without the figure and GPUs keep the counted arithmetic.
        assertEquals(1.0, Roofline.time(forward, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(forward.withForwardHeadDim(32), cpu, Dtype.FP32, Terms.none()).seconds(),
                1e-12);
        assertEquals(1.0, Roofline.time(forward.withForwardHeadDim(32), general, Dtype.FP32, t).seconds(), 1e-12);
        OpCost onGpu = op(312e12, 0, 0, 0, 0, 1).withForwardHeadDim(32);
        assertEquals(Roofline.time(onGpu, Points.A100, Dtype.BF16, t).seconds(),
                Roofline.time(onGpu, Points.A100.withForwardArithmetic(Optional.of(measured)), Dtype.BF16, t)
                        .seconds(), 1e-15);
    }

    @Test
    void aStatisticsPassOfItsOwnRunsItsVectorOpsAtTheFmaPipesRateOnACpu() {
        Terms t = Terms.none().with(Term.STATISTICS_PASS, true).with(Term.ACHIEVABLE_PEAK, true);
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        // 3.175e12 vector ops: 1 s at 6.35 TFLOP/s counted as 2 FLOPs each. In a loop the compiler vectorises
        // along the block they take the matrix fraction (0.70); elsewhere the vector fraction (0.50).
        OpCost apart = op(0, 3.175e12, 0, 0, 0, 0).withStatisticsApart();
        assertEquals(1 / 0.70, Roofline.time(apart, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1 / 0.50, Roofline.time(apart, cpu, Dtype.FP32, t.with(Term.STATISTICS_PASS, false)).seconds(),
                1e-12);
    }

    @Test
    void workItemsThatRunAloneTakeTheLongerOfTheirRoundTripsAndTheirArithmeticAtTheLoopRateOnACpu() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        Terms t = Terms.none().with(Term.ITEM_LOOPS, true).with(Term.DEPENDENT_LATENCY, true)
                .with(Term.ACHIEVABLE_PEAK, true);
        // 128 work items on 64 cores: 2 waves of 1.25e6 round trips at 0.2 us, 0.5 s. 3.175e12 FLOPs take 1 s at the
        // per-item loop rate, 6.35 TFLOP/s x the vector fraction 0.50, and 1 / 1.4 s at the matrix fraction 0.70.
        OpCost alongside = new OpCost("t", OpGroup.ATTENTION, Pass.FORWARD, 3.175e12, 0, 0, 0, 0, 128, 0, 1, 1.0,
                1.25e6, 1);
        OpCost alone = alongside.withItemLoops();
        assertEquals(1.0, Roofline.time(alone, cpu, Dtype.FP32, t).seconds(), 1e-12);
        // Ten times the round trips, 5 s, set the time.
        OpCost waiting = new OpCost("t", OpGroup.ATTENTION, Pass.FORWARD, 3.175e12, 0, 0, 0, 0, 128, 0, 1, 1.0,
                1.25e7, 1).withItemLoops();
        assertEquals(5.0, Roofline.time(waiting, cpu, Dtype.FP32, t).seconds(), 1e-12);
        // Items that overlap their loads with their arithmetic, or the term off: the longer of the two.
        assertEquals(1 / 1.4, Roofline.time(alongside, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1 / 1.4, Roofline.time(alone, cpu, Dtype.FP32, t.with(Term.ITEM_LOOPS, false)).seconds(), 1e-12);
        // A GPU switches to other warps while one waits: no change.
        assertEquals(Roofline.time(alongside, Points.A100, Dtype.FP32, t).seconds(),
                Roofline.time(alone, Points.A100, Dtype.FP32, t).seconds(), 1e-15);
    }

    @Test
    void pageRunsAddToTheArithmeticOfACpuWorkItem() {
        HardwareProfile cpu = cpuWithChainRate();
        Terms t = Terms.none().with(Term.PAGE_RUNS, true);
        // 1 s of FMAs, and 5 GB read in page runs at 10 GB/s: 0.5 s, which holds the FMAs on the runs' 1.25e9
        // floats (2.5e9 FLOPs); the rest add: 1.5 s - 2.5e9 / 6.35e12 s. The DRAM stream alone would take 11 ms.
        OpCost op = op(6.35e12, 0, 0, 5e9, 0, 1).withPageRuns(5e9);
        OpTiming timed = Roofline.time(op, cpu, Dtype.FP32, t);
        assertEquals(1.5 - 2.5e9 / 6.35e12, timed.seconds(), 1e-12);
        assertEquals(0.5, timed.pageRunSeconds(), 1e-12);
        // A page-run phase longer than the arithmetic makes the op memory-bound.
        assertEquals(Bound.MEMORY, Roofline.time(op(6.35e11, 0, 0, 5e9, 0, 1).withPageRuns(5e9), cpu, Dtype.FP32, t)
                .bound());
        // Term off, a profile without the figure, or a GPU (other warps overlap the reads): the roofline's maximum.
        assertEquals(1.0, Roofline.time(op, cpu, Dtype.FP32, Terms.none()).seconds(), 1e-12);
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        assertEquals(1.0, Roofline.time(op, bundled, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(op(312e12, 0, 0, 5e9, 0, 1).withPageRuns(5e9), Points.A100, Dtype.BF16, t)
                .seconds(), 1e-12);
    }

    @Test
    void aStepReadInPassesTakesTheMeasuredSecondsAScoreOverTheUnits() {
        Terms t = Terms.none().with(Term.PASSES_STEP, true);
        // 1 s of FMAs; 2e9 scores (one exponential each) at 3.2e-10 s a score over 64 units: 10 ms more.
        HardwareProfile cpu = cpuWithChainRate().withTwicePassesStep(Optional.of(new Figure(3.2e-10, "measured")));
        OpCost inPasses = op(6.35e12, 0, 2e9, 5e9, 0, 1).withPageRuns(5e9).withTwiceScoreHeads(2, 2e9);
        assertEquals(1.01, Roofline.time(inPasses, cpu, Dtype.FP32, t).seconds(), 1e-12);
        // Wave quantisation: 96 work-groups on 64 units fill 0.75 of two waves' slots.
        Terms waves = t.with(Term.WAVE_QUANTISATION, true);
        OpCost tiled = op(6.35e12, 0, 2e9, 5e9, 96, 1).withPageRuns(5e9).withTwiceScoreHeads(2, 2e9);
        assertEquals(1 / 0.75 + 0.01 / 0.75, Roofline.time(tiled, cpu, Dtype.FP32, waves).seconds(), 1e-12);
        // Not in passes, the term off, no figure, or a GPU: nothing more.
        OpCost onePass = op(6.35e12, 0, 2e9, 5e9, 0, 1).withPageRuns(5e9).withTwiceScoreHeads(2, 0);
        assertEquals(1.0, Roofline.time(onePass, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(inPasses, cpu, Dtype.FP32, Terms.none()).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(inPasses, cpuWithChainRate(), Dtype.FP32, t).seconds(), 1e-12);
        HardwareProfile gpu = Points.A100.withTwicePassesStep(Optional.of(new Figure(3.2e-10, "measured")));
        OpCost onGpu = op(19.5e12, 0, 2e9, 5e9, 0, 1).withPageRuns(5e9).withTwiceScoreHeads(2, 2e9);
        assertEquals(Roofline.time(onGpu, Points.A100, Dtype.FP32, t).seconds(),
                Roofline.time(onGpu, gpu, Dtype.FP32, t).seconds(), 1e-15);
    }

    @Test
    void furtherPassesOfTwiceScoresReadNoFasterThanTheLoopsMeasuredRate() {
        Terms t = Terms.none().with(Term.PAGE_RUNS, true);
        // 5 GB in page runs at 10 GB/s, 2 GB of them in further passes, whose loop reads 8 GB/s: 0.3 s of runs and
        // 0.25 s of the loop, holding the FMAs on the runs' floats (2.5e9 FLOPs); the rest of the 1 s of FMAs adds. The
        // page runs' seconds (what a core alone streams faster) are the 0.3 s.
        HardwareProfile cpu = cpuWithChainRate().withTwicePassesBandwidth(Optional.of(new Figure(8e9, "measured")));
        OpCost inPasses = op(6.35e12, 0, 0, 5e9, 0, 1).withPageRuns(5e9).withTwiceScoreHeads(1, 2e9);
        OpTiming timed = Roofline.time(inPasses, cpu, Dtype.FP32, t);
        assertEquals(0.3, timed.pageRunSeconds(), 1e-12);
        assertEquals(0.25, timed.passLoopSeconds(), 1e-12);
        assertEquals(1.55 - 2.5e9 / 6.35e12, timed.seconds(), 1e-12);
        // Not read in passes, or a profile without the rate: every byte a page run's. A loop faster than the page runs
        // reads at their rate, 0.2 s, still the loop's seconds.
        double runsAlone = 1.5 - 2.5e9 / 6.35e12;
        OpCost onePass = op(6.35e12, 0, 0, 5e9, 0, 1).withPageRuns(5e9).withTwiceScoreHeads(1, 0);
        assertEquals(runsAlone, Roofline.time(onePass, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(0.5, Roofline.time(onePass, cpu, Dtype.FP32, t).pageRunSeconds(), 1e-12);
        assertEquals(runsAlone, Roofline.time(inPasses, cpuWithChainRate(), Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(0.5, Roofline.time(inPasses, cpuWithChainRate(), Dtype.FP32, t).pageRunSeconds(), 1e-12);
        HardwareProfile fastLoop = cpuWithChainRate().withTwicePassesBandwidth(Optional.of(new Figure(12e9, "m")));
        assertEquals(runsAlone, Roofline.time(inPasses, fastLoop, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(0.3, Roofline.time(inPasses, fastLoop, Dtype.FP32, t).pageRunSeconds(), 1e-12);
        assertEquals(0.2, Roofline.time(inPasses, fastLoop, Dtype.FP32, t).passLoopSeconds(), 1e-12);
        assertEquals(0, Roofline.time(inPasses, cpuWithChainRate(), Dtype.FP32, t).passLoopSeconds());
        // An op's further-pass bytes are some of its page runs.
        assertThrows(IllegalArgumentException.class,
                () -> op(6.35e12, 0, 0, 5e9, 0, 1).withPageRuns(1e9).withTwiceScoreHeads(1, 2e9));
    }

    @Test
    void theFmasOnAPageRunsElementsRunInsideTheRunsOneAnElement() {
        HardwareProfile cpu = cpuWithChainRate();
        Terms t = Terms.none().with(Term.PAGE_RUNS, true);
        // 5 GB of fp32 page runs at 10 GB/s: 0.5 s, measured with an add on every float read. One FMA on each of
        // the 1.25e9 floats (2.5e9 FLOPs, 0.39 ms at 6.35e12 FLOP/s) takes no time of its own.
        assertEquals(0.5, Roofline.time(op(2.5e9, 0, 0, 5e9, 0, 1).withPageRuns(5e9), cpu, Dtype.FP32, t).seconds(),
                1e-12);
        // Four FMAs a float (the four query heads of a GQA group): the three others add, 7.5e9 / 6.35e12 s.
        assertEquals(0.5 + 7.5e9 / 6.35e12, Roofline.time(op(1e10, 0, 0, 5e9, 0, 1).withPageRuns(5e9), cpu,
                Dtype.FP32, t).seconds(), 1e-12);
        // In fp16 (6.35e12 FLOP/s on this CPU too) the same bytes hold twice the elements: 5e9 FLOPs inside.
        assertEquals(0.5 + 5e9 / 6.35e12, Roofline.time(op(1e10, 0, 0, 5e9, 0, 1).withPageRuns(5e9), cpu,
                Dtype.FP16, t).seconds(), 1e-12);
    }

    @Test
    void aGroupsFurtherFmasOverlapThePageRunsAtTheMeasuredExponent() {
        Terms t = Terms.none().with(Term.PAGE_RUNS, true).with(Term.MEASURED_OVERLAP, true);
        // 5 GB of fp32 page runs at 10 GB/s: 0.5 s, their own 2.5e9 FLOPs inside; 3.175e12 FLOPs more (the other
        // heads of a group) take 0.5 s at 6.35e12 FLOP/s. At p = 2: sqrt(0.5^2 + 0.5^2) s; at p = 4, 0.5 x 2^(1/4).
        OpCost op = op(2.5e9 + 3.175e12, 0, 0, 5e9, 0, 1).withPageRuns(5e9);
        assertEquals(0.5 * Math.sqrt(2), Roofline.time(op, withOverlap(cpuWithChainRate(), 2), Dtype.FP32, t)
                .seconds(), 1e-12);
        assertEquals(0.5 * Math.pow(2, 0.25), Roofline.time(op, withOverlap(cpuWithChainRate(), 4), Dtype.FP32, t)
                .seconds(), 1e-12);
        // Without a measured exponent, or the term off, they add: 1 s; below p = 1 too (not 0.5 + 0.5 / 0.5 s).
        assertEquals(1.0, Roofline.time(op, cpuWithChainRate(), Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(op, withOverlap(cpuWithChainRate(), 0.5), Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1.0, Roofline.time(op, withOverlap(cpuWithChainRate(), 2), Dtype.FP32,
                Terms.none().with(Term.PAGE_RUNS, true)).seconds(), 1e-12);
    }

    @Test
    void pageRunBytesLeaveTheMemoryStreamThatOverlapsTheArithmetic() {
        HardwareProfile cpu = withOverlap(cpuWithChainRate(), 2);
        Terms t = Terms.none().with(Term.PAGE_RUNS, true).with(Term.MEASURED_OVERLAP, true);
        // 1 s of FMAs and 5 GB of page runs at 10 GB/s: the FMAs beyond the runs' own (see above), 1 - 2.5e9 /
        // 6.35e12 s, overlap the runs' 0.5 s at p = 2 in a work item's time w; the other 460.8 GB stream at
        // 460.8 GB/s in 1 s. At p = 2: sqrt(w^2 + 1^2) s. Counted in the stream as well, the page runs would make
        // it 465.8 / 460.8 s.
        double w = Math.hypot(1 - 2.5e9 / 6.35e12, 0.5);
        OpTiming timed = Roofline.time(op(6.35e12, 0, 0, 465.8e9, 0, 1).withPageRuns(5e9), cpu, Dtype.FP32, t);
        assertEquals(1.0, timed.memorySeconds(), 1e-12);
        assertEquals(Math.hypot(w, 1), timed.seconds(), 1e-12);
        // Every byte in page runs: no stream left to overlap, the item's own w.
        assertEquals(w, Roofline.time(op(6.35e12, 0, 0, 5e9, 0, 1).withPageRuns(5e9), cpu, Dtype.FP32, t)
                .seconds(), 1e-12);
        // Page runs off: all 465.8 GB stream and overlap the 1 s of FMAs.
        assertEquals(Math.hypot(1, 465.8 / 460.8), Roofline.time(op(6.35e12, 0, 0, 465.8e9, 0, 1).withPageRuns(5e9),
                cpu, Dtype.FP32, Terms.none().with(Term.MEASURED_OVERLAP, true)).seconds(), 1e-12);
    }

    @Test
    void scalarOpsTakeTheMeasuredScalarRateOnACpu() {
        HardwareProfile cpu = cpuWithChainRate();
        Terms t = Terms.none().with(Term.SCALAR_CODE, true);
        // 4e9 vector ops, 3e9 of them integer and compare, 2e9 of those a work item's own loops: the 2e9 take
        // 1 s at 2e9 op/s; the other 2e9 take the lanes' 6.35e12 / 2 op/s.
        OpCost op = op(0, 4e9, 0, 0, 0, 1).withOtherVectorOps(3e9).withScalarOps(2e9);
        double lanes = 2e9 / (6.35e12 / 2);
        assertEquals(1 + lanes, Roofline.time(op, cpu, Dtype.FP32, t).seconds(), 1e-12);
        assertEquals(1 + lanes, Roofline.time(op, cpu, Dtype.FP32, t).vectorSeconds(), 1e-12);
        // Term off, or a profile without the figure: all 4e9 at the lanes' rate.
        double all = 4e9 / (6.35e12 / 2);
        assertEquals(all, Roofline.time(op, cpu, Dtype.FP32, Terms.none()).seconds(), 1e-12);
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        assertEquals(all, Roofline.time(op, bundled, Dtype.FP32, t).seconds(), 1e-12);
    }

    @Test
    void scalarExponentialsTakeTheMeasuredScalarExpRateOnACpu() {
        HardwareProfile cpu = cpuWithChainRate();
        Terms t = Terms.none().with(Term.SCALAR_CODE, true).with(Term.SPECIAL_FUNCTION_UNIT, true);
        double expRate = cpu.exponentialsPerSecond().value();
        // 1e9 exponentials, 0.5e9 of them a few at a time in a loop: 0.5e9 / 0.25e9 = 2 s, the rest at the
        // profile's exponential rate.
        OpCost op = op(0, 0, 1e9, 0, 0, 1).withScalarExponentials(0.5e9);
        assertEquals(2 + 0.5e9 / expRate, Roofline.time(op, cpu, Dtype.FP32, t).exponentialSeconds(), 1e-12);
        // Term off, or a profile without the figure: all at the profile's rate.
        assertEquals(1e9 / expRate, Roofline.time(op, cpu, Dtype.FP32, Terms.none().with(Term.SPECIAL_FUNCTION_UNIT,
                true)).exponentialSeconds(), 1e-12);
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        assertEquals(1e9 / bundled.exponentialsPerSecond().value(), Roofline.time(op, bundled, Dtype.FP32, t)
                .exponentialSeconds(), 1e-12);
    }

    @Test
    void aKernelsOwnExponentialsTakeTheirInstructionsAtTheMatrixRate() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        Terms t = Terms.none().with(Term.SPECIAL_FUNCTION_UNIT, true);
        // 1e9 exponentials, 0.25e9 of them on the FMA pipes: 16 instructions each, two FLOPs apiece at the
        // 6.35 TFLOP/s FP32 peak, 8e9 / 6.35e12 s; the other 0.75e9 at 417 Gexp/s.
        OpCost op = op(0, 0, 1e9, 0, 0, 1).withFmaExponentials(0.25e9);
        assertEquals(8e9 / 6.35e12 + 0.75e9 / 417e9, Roofline.time(op, cpu, Dtype.FP32, t).exponentialSeconds(),
                1e-12);
        // They stay exponentials, not FLOPs, in the op's counts.
        assertEquals(0.0, op.flops());
    }
}
