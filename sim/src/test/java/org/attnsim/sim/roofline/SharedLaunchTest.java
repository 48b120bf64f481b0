package org.attnsim.sim.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.Points;
import org.attnsim.sim.cost.OpCost;
import org.junit.jupiter.api.Test;

/**
 * On the A100 40GB profile (1555 GB/s, 312 TFLOP/s bf16) unless a test says otherwise; with a measured overlap
 * exponent where given.
 */
class SharedLaunchTest {

    private final Terms overlap = Terms.none().with(Term.MEASURED_OVERLAP, true);

    private OpTiming time(OpCost op, HardwareProfile hw) {
        return Roofline.time(op, hw, Dtype.BF16, overlap);
    }

    // A fused step: 1 s streaming (launches), 1 s of matrix work and 0.5 s more streaming in its launch.
    private List<OpTiming> step(HardwareProfile hw) {
        return List.of(time(RooflineTest.op(0, 0, 0, 1555e9, 0, 1), hw), time(RooflineTest.op(312e12, 0, 0, 0, 0, 0), hw),
                time(RooflineTest.op(0, 0, 0, 1555e9 / 2, 0, 0), hw));
    }

    // On the 64-core CPU profile: 1 s streaming at 460.8 GB/s, 1 s of matrix work at its peak, 0.5 s more streaming.
    private List<OpTiming> cpuStep(HardwareProfile cpu) {
        return List.of(time(RooflineTest.op(0, 0, 0, 460.8e9, 0, 1), cpu),
                time(RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0, 0, 0), cpu),
                time(RooflineTest.op(0, 0, 0, 460.8e9 / 2, 0, 0), cpu));
    }

    @Test
    void anOpWithoutALaunchRunsInTheLaunchBeforeIt() {
        List<OpTiming> ops = step(Points.A100);
        assertEquals(List.of(ops), SharedLaunch.launches(ops));
        List<OpTiming> separate = List.of(ops.get(0), time(RooflineTest.op(312e12, 0, 0, 0, 0, 1), Points.A100));
        assertEquals(2, SharedLaunch.launches(separate).size());
    }

    @Test
    void aLaunchsMemoryBoundOpsOverlapItsOtherOpsAsAnOpsMemoryAndArithmeticDo() {
        HardwareProfile hw = RooflineTest.withOverlap(Points.A100, 2);
        // Memory-bound 1 + 0.5 s against 1 s of matrix work: sqrt(1.5^2 + 1^2).
        assertEquals(Math.sqrt(3.25), SharedLaunch.seconds(step(hw), hw, overlap), 1e-12);
        // p = 1 is no overlap: the ops add up.
        HardwareProfile none = RooflineTest.withOverlap(Points.A100, 1);
        assertEquals(2.5, SharedLaunch.seconds(step(none), none, overlap), 1e-12);
    }

    @Test
    void onACpuACoreRunsAWorkGroupsStagesInTurnSoTheOpsOfALaunchAddUp() {
        HardwareProfile cpu = RooflineTest.withOverlap(HardwareCatalog.resolve("cpu-server-64c", "test", null), 2);
        assertEquals(2.5, SharedLaunch.seconds(cpuStep(cpu), cpu, overlap), 1e-12);
    }

    /** A launch of an op that only streams, {@code memory} seconds, and one that only computes. */
    private static double streamThenOther(double memory, double other, int units, double share) {
        return SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(memory, 0, share),
                new SharedLaunch.Stage(0, other, share)), units);
    }

    @Test
    void onACpuACoreThatStreamsWhileAnotherComputesDrawsUpToWhatOneCoreDrawsAlone() {
        // Two cores, 3 s of streaming and 2 s of other stages. At the fair share, f = 1/2, the sum; else the root of
        // T^2 - T (M + 2 O (1 - f)) - O^2 (2 f - 1): f = 1 gives T^2 - 3 T - 4 = 0, T = 4; f = 3/4 gives
        // T^2 - 4 T - 2 = 0, T = 2 + sqrt(6).
        assertEquals(5, streamThenOther(3, 2, 2, 0.5), 1e-9);
        assertEquals(4, streamThenOther(3, 2, 2, 1), 1e-9);
        assertEquals(2 + Math.sqrt(6), streamThenOther(3, 2, 2, 0.75), 1e-9);
        // One core has no one to share with; nothing to stream or nothing else to do leaves the other side alone.
        assertEquals(5, streamThenOther(3, 2, 1, 1), 1e-9);
        // Where (8.01 + 1.37) - 1.37 rounds below 8.01 the sum is still the answer (jqwik's seed 1678796340499226614).
        assertEquals(8.01 + 1.37, streamThenOther(8.01, 1.37, 1, 1), 1e-12);
        assertEquals(9.17 + 6.84, streamThenOther(9.17, 6.84, 1, 1), 1e-12);
        // Where a core draws barely more than its share, the root is the lower bound, every other core elsewhere,
        // which rounding may leave a hair past: 8.153 + 2.238 / (99 x 0.01109...) (a jqwik sample).
        double share = 1.0 / 99 + 0.001 * (1 - 1.0 / 99);
        assertEquals(8.153 + 2.238 / (99 * share), streamThenOther(2.238, 8.153, 99, share), 1e-9);
        assertEquals(2, streamThenOther(0, 2, 2, 1), 1e-12);
        assertEquals(3, streamThenOther(3, 0, 2, 1), 1e-12);
    }

    @Test
    void anOpsOwnOtherSecondsLeaveNoCoreMoreBandwidthForItsStream() {
        // An op that streams 3 s and computes 1 s alone is its own 4 s, however much one core could draw.
        SharedLaunch.Stage op = new SharedLaunch.Stage(3, 1, 1);
        assertEquals(4, SharedLaunch.coresAtDifferentStages(List.of(op), 2), 1e-12);
        // Beside 2 s of another op's computing, f = 1, two cores: O = 3, O' = 2, the root of
        // T^2 - T (M + O - (2 f - 1) O') - (2 f - 1) O O' = T^2 - 4 T - 6 = 0, T = 2 + sqrt(10) (5.16 of the 6 summed).
        assertEquals(2 + Math.sqrt(10), SharedLaunch.coresAtDifferentStages(
                List.of(op, new SharedLaunch.Stage(0, 2, 1)), 2), 1e-9);
    }

    @Property
    void aStageAddedToALaunchNeverShortensIt(@ForAll @DoubleRange(min = 0, max = 10) double streaming,
            @ForAll @DoubleRange(min = 0, max = 10) double other,
            @ForAll @DoubleRange(min = 0, max = 10) double addedStreaming,
            @ForAll @DoubleRange(min = 0.01, max = 10) double addedOther,
            @ForAll @IntRange(min = 1, max = 64) int units, @ForAll @DoubleRange(min = 0, max = 1) double reach) {
        double share = 1.0 / units + reach * (1 - 1.0 / units);
        List<SharedLaunch.Stage> first = List.of(new SharedLaunch.Stage(streaming, other, share));
        double alone = SharedLaunch.coresAtDifferentStages(first, units);
        assertEquals(streaming + other, alone, 1e-12);
        double both = SharedLaunch.coresAtDifferentStages(List.of(first.get(0),
                new SharedLaunch.Stage(addedStreaming, addedOther, share)), units);
        assertTrue(both >= alone * (1 - 1e-9), both + " s against " + alone + " s alone");
    }

    @Property
    void theLaunchTakesBetweenTheLongerSideAndTheSumAndLessAsOneCoreDrawsMore(
            @ForAll @DoubleRange(min = 0.01, max = 10) double memory,
            @ForAll @DoubleRange(min = 0.01, max = 10) double other,
            @ForAll @IntRange(min = 1, max = 128) int units, @ForAll @DoubleRange(min = 0, max = 1) double reach) {
        double fair = 1.0 / units;
        double share = fair + reach * (1 - fair);
        double t = streamThenOther(memory, other, units, share);
        assertTrue(t >= Math.max(memory, other) * (1 - 1e-9) && t <= (memory + other) * (1 + 1e-9), t + " s");
        assertTrue(t >= streamThenOther(memory, other, units, Math.min(1, share + 0.1)) - 1e-9);
        assertEquals(memory + other, streamThenOther(memory, other, units, fair), 1e-9 * (memory + other));
    }

    @Test
    void aCpuLaunchTakesTheShareOfItsMeasuredOneCoreBandwidthWithinItsFairShareAndAll() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        List<OpTiming> step = cpuStep(cpu);
        Terms unit = overlap.with(Term.UNIT_BANDWIDTH, true);
        // One core alone draws 23.04 GB/s of 460.8: a share of 0.05.
        HardwareProfile some = withUnitBandwidth(cpu, 23.04e9);
        assertEquals(0.05, SharedLaunch.unitShare(23.04e9, some, unit), 1e-12);
        assertEquals(streamThenOther(1.5, 1, 64, 0.05), SharedLaunch.seconds(step, some, unit),
                1e-12);
        assertTrue(SharedLaunch.seconds(step, some, unit) < 2.5);
        assertEquals(2.5, SharedLaunch.seconds(step, some, overlap), 1e-12);
        // A core streams for an op's memory time whatever bounds it: 0.8 s of the 1 s of an op its matrix work bounds;
        // the op's other 0.2 s leave no core more bandwidth.
        List<OpTiming> balanced = List.of(
                time(RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0.8 * 460.8e9, 0, 1), cpu),
                time(RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0, 0, 0), cpu));
        assertEquals(SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(0.8, 0.2, 0.05),
                new SharedLaunch.Stage(0, 1, 0.05)), 64), SharedLaunch.seconds(balanced, some, unit), 1e-12);
        // Beyond the device's bandwidth it is all of it; below the fair share it is the fair share, and the sum.
        assertEquals(1, SharedLaunch.unitShare(500e9, cpu, unit), 1e-12);
        assertEquals(1.0 / 64, SharedLaunch.unitShare(1e9, cpu, unit), 1e-12);
        assertEquals(2.5, SharedLaunch.seconds(step, withUnitBandwidth(cpu, 1e9), unit), 1e-9);
    }

    @Test
    void theRowsStreamAtTheDecodingKernelsOneCoreShareAndPageRunsAtTheirOwnElseTheTriads() {
        // One core alone: a triad 23.04 GB/s of 460.8 (0.05), the decoding kernel 11.52 GB/s (0.025).
        HardwareProfile cpu = withUnitBandwidth(HardwareCatalog.resolve("cpu-server-64c", "test", null), 23.04e9)
                .withPageRunBandwidth(new Figure(46.08e9, "test"))
                .withDecodeTile(Optional.of(new DecodeTile(new Figure(1e-6, "test"), new Figure(1e-6, "test"),
                        Optional.empty(), Optional.of(new Figure(11.52e9, "test: the decoding kernel on one core")))));
        Terms unit = overlap.with(Term.UNIT_BANDWIDTH, true).with(Term.PAGE_RUNS, true);
        // The rows alone stream: 1.5 s of them against 1 s of matrix work, at the kernel's share.
        List<OpTiming> rows = cpuStep(cpu).stream().map(t -> Roofline.time(t.op(), cpu, Dtype.BF16, unit)).toList();
        assertEquals(streamThenOther(1.5, 1, 64, 0.025), SharedLaunch.seconds(rows, cpu, unit),
                1e-12);
        // 1 s of page runs (46.08 GB at 46.08 GB/s) at the triad's share and 0.5 s of rows at the kernel's.
        List<OpTiming> mixed = List.of(
                Roofline.time(RooflineTest.op(0, 0, 0, 46.08e9, 0, 1).withPageRuns(46.08e9), cpu, Dtype.BF16, unit),
                Roofline.time(RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0, 0, 0), cpu, Dtype.BF16, unit),
                Roofline.time(RooflineTest.op(0, 0, 0, 460.8e9 / 2, 0, 0), cpu, Dtype.BF16, unit));
        assertEquals(1.0, mixed.get(0).pageRunSeconds(), 1e-12);
        assertEquals(SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(1, 0, 0.05),
                new SharedLaunch.Stage(0, 1, 0.025), new SharedLaunch.Stage(0.5, 0, 0.025)), 64),
                SharedLaunch.seconds(mixed, cpu, unit), 1e-12);
        // Without the kernel's figure the rows take the triad's share too.
        HardwareProfile triadOnly = cpu.withDecodeTile(Optional.empty());
        assertEquals(streamThenOther(1.5, 1, 64, 0.05), SharedLaunch.seconds(rows, triadOnly,
                unit), 1e-12);
        // Page runs on one core measured at 4.608 GB/s of their 46.08: their own share, 0.1, not the triad's 0.05;
        // below the fair share, 1 / 64; the rows keep the kernel's.
        for (double[] oneCore : new double[][] {{4.608e9, 0.1}, {0.2e9, 1.0 / 64}}) {
            HardwareProfile measured = cpu.withUnitPageRunBandwidth(Optional.of(new Figure(oneCore[0], "test")));
            assertEquals(SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(1, 0, oneCore[1]),
                    new SharedLaunch.Stage(0, 1, 0.025), new SharedLaunch.Stage(0.5, 0, 0.025)), 64),
                    SharedLaunch.seconds(mixed, measured, unit), 1e-12);
        }
        HardwareProfile slowAlone = cpu.withUnitPageRunBandwidth(Optional.of(new Figure(1.1e9, "test")));
        assertTrue(SharedLaunch.seconds(mixed, slowAlone, unit) > SharedLaunch.seconds(mixed, cpu, unit));
    }

    @Test
    void theColumnsOfFurtherPassesAreTheCoresLoopNotAStreamAnotherCoresAbsenceSpeedsUp() {
        // One core alone draws a triad of 23.04 GB/s of 460.8 (0.05); page runs at 46.08 GB/s.
        HardwareProfile cpu = withUnitBandwidth(HardwareCatalog.resolve("cpu-server-64c", "test", null), 23.04e9)
                .withPageRunBandwidth(new Figure(46.08e9, "test"));
        Terms unit = overlap.with(Term.UNIT_BANDWIDTH, true).with(Term.PAGE_RUNS, true);
        // K-twice scores: 1 s of page runs (46.08 GB), 0.5 s of them in passes after the first; then 1 s of matrix
        // work. With the passes' loop measured at the page-run rate the op takes as long, but only 0.5 s streams.
        OpCost scores = RooflineTest.op(0, 0, 0, 46.08e9, 0, 1).withPageRuns(46.08e9).withTwiceScoreHeads(1, 23.04e9);
        OpCost other = RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0, 0, 0);
        HardwareProfile loop = cpu.withTwicePassesBandwidth(Optional.of(new Figure(46.08e9, "test")));
        List<OpTiming> runs = List.of(Roofline.time(scores, cpu, Dtype.BF16, unit),
                Roofline.time(other, cpu, Dtype.BF16, unit));
        List<OpTiming> inPasses = List.of(Roofline.time(scores, loop, Dtype.BF16, unit),
                Roofline.time(other, loop, Dtype.BF16, unit));
        assertEquals(runs.get(0).seconds(), inPasses.get(0).seconds(), 1e-12);
        assertEquals(0.5, inPasses.get(0).passLoopSeconds(), 1e-12);
        assertEquals(SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(1, 0, 0.05),
                new SharedLaunch.Stage(0, 1, 0.05)), 64), SharedLaunch.seconds(runs, cpu, unit), 1e-12);
        assertEquals(SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(0.5, 0.5, 0.05),
                new SharedLaunch.Stage(0, 1, 0.05)), 64), SharedLaunch.seconds(inPasses, loop, unit), 1e-12);
        assertTrue(SharedLaunch.seconds(inPasses, loop, unit) > SharedLaunch.seconds(runs, cpu, unit));
    }

    @Test
    void onACpuTheLaunchsLatencyPassesBeforeAnyCoreStreamsAndEachOpsStartRunsWithItsWork() {
        // The CPU step above, after other work: its launch 0.25 s, each of its three ops' start 0.1 s.
        HardwareProfile cpu = withUnitBandwidth(HardwareCatalog.resolve("cpu-server-64c", "test", null), 23.04e9)
                .withLaunchAfterWork(Optional.of(new Figure(0.25, "test")), Optional.of(new Figure(0.1, "test")),
                        Optional.empty());
        Terms terms = overlap.with(Term.UNIT_BANDWIDTH, true).with(Term.LAUNCH_LATENCY, true)
                .with(Term.LAUNCH_AFTER_WORK, true);
        List<OpTiming> step = List.of(Roofline.time(RooflineTest.op(0, 0, 0, 460.8e9, 0, 1), cpu, Dtype.BF16, terms),
                Roofline.time(RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0, 0, 0), cpu, Dtype.BF16, terms),
                Roofline.time(RooflineTest.op(0, 0, 0, 460.8e9 / 2, 0, 0), cpu, Dtype.BF16, terms));
        assertEquals(0.25, step.get(0).launchSeconds(), 1e-12);
        assertEquals(0.1, step.get(2).startSeconds(), 1e-12);
        // 1.5 s streaming; 1 s of matrix work and 0.3 s of starts while the others stream, each start its op's own; the
        // launch on top.
        assertEquals(0.25 + SharedLaunch.coresAtDifferentStages(List.of(new SharedLaunch.Stage(1, 0.1, 0.05),
                new SharedLaunch.Stage(0, 1.1, 0.05), new SharedLaunch.Stage(0.5, 0.1, 0.05)), 64),
                SharedLaunch.seconds(step, cpu, terms), 1e-12);
    }

    private static HardwareProfile withUnitBandwidth(HardwareProfile p, double bytesPerSecond) {
        return p.withUnitBandwidth(Optional.of(new Figure(bytesPerSecond, "test")));
    }

    @Test
    void withoutAMeasuredExponentTheOpsOfALaunchAddUp() {
        assertEquals(2.5, SharedLaunch.seconds(step(Points.A100), Points.A100, overlap), 1e-12);
        HardwareProfile hw = RooflineTest.withOverlap(Points.A100, 2);
        assertEquals(2.5, SharedLaunch.seconds(step(hw), hw, Terms.none()), 1e-12);
    }
}
