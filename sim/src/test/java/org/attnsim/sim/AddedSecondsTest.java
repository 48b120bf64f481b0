package org.attnsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;

/** What each op of a prediction adds to its seconds: what a cut of its launch after each op would measure. */
class AddedSecondsTest {

    private static final AttentionShape MHA = AttentionShape.of(512, 8, 8, 8, "test");
    private static final SparqConfig SPARQ = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);

    @Test
    void opsOfAFusedCpuLaunchAddLessThanTheirOwnTimeWhereTheCoresOverlapTheirStages() {
        // One core alone draws a fifth of the 64-core profile's 460.8 GB/s: a core streaming its scores while
        // others wait on their exact stages draws more than its share, so a later stage adds less than it takes.
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null)
                .withUnitBandwidth(Optional.of(new Figure(92.16e9, "test")));
        Prediction p = Points.predict(MHA, Phase.DECODE, 16384, 64, true, SPARQ, cpu);
        List<OpTiming> ops = p.ops();
        List<Double> added = p.addedSeconds();
        assertEquals(List.of(1, 0, 0), ops.stream().map(t -> t.op().launches()).toList());
        assertEquals(ops.get(0).seconds(), added.get(0), 1e-15);
        double ownTimes = ops.stream().mapToDouble(OpTiming::seconds).sum();
        assertTrue(p.seconds() < 0.99 * ownTimes, p.seconds() + " s against " + ownTimes);
        assertEquals(p.seconds(), added.stream().mapToDouble(Double::doubleValue).sum(), 1e-12 * p.seconds());
        for (int i = 1; i < ops.size(); i++) {
            assertTrue(added.get(i) > 0 && added.get(i) < ops.get(i).seconds(),
                    ops.get(i).op().name() + ": " + added.get(i) + " s added of " + ops.get(i).seconds());
        }
    }

    @Test
    void anOpThatLaunchesAddsItsOwnTime() {
        // On a GPU the fused framework launches each of SparQ's stages; without a measured exponent nothing overlaps.
        Prediction p = Points.predict(MHA, Phase.DECODE, 16384, 64, true, SPARQ, Points.H100);
        assertEquals(List.of(1, 1, 1), p.ops().stream().map(t -> t.op().launches()).toList());
        assertEquals(p.ops().stream().map(OpTiming::seconds).toList(), p.addedSeconds());
    }
}
