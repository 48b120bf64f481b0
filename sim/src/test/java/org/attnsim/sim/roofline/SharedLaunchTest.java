package org.attnsim.sim.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
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
        // 1 s streaming at 460.8 GB/s, 1 s of matrix work at the profile's peak, 0.5 s more streaming.
        List<OpTiming> step = List.of(time(RooflineTest.op(0, 0, 0, 460.8e9, 0, 1), cpu),
                time(RooflineTest.op(cpu.matrixPeak(Dtype.BF16), 0, 0, 0, 0, 0), cpu),
                time(RooflineTest.op(0, 0, 0, 460.8e9 / 2, 0, 0), cpu));
        assertEquals(2.5, SharedLaunch.seconds(step, cpu, overlap), 1e-12);
    }

    @Test
    void withoutAMeasuredExponentTheOpsOfALaunchAddUp() {
        assertEquals(2.5, SharedLaunch.seconds(step(Points.A100), Points.A100, overlap), 1e-12);
        HardwareProfile hw = RooflineTest.withOverlap(Points.A100, 2);
        assertEquals(2.5, SharedLaunch.seconds(step(hw), hw, Terms.none()), 1e-12);
    }
}
