package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.Points;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;

/** Where the forward op's exponentials run: the FMA pipes on a CPU (attnsim's kernel), the SFU on a GPU. */
class ForwardExponentialsTest {

    @Test
    void onACpuEveryScoresExponentialRunsOnTheFmaPipes() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        AttentionShape mha = AttentionShape.of(512, 8, 8, 8, "t");
        OpCost onCpu = Points.predict(mha, Phase.FORWARD, 2048, 1, true, null, cpu).ops().get(0).op();
        OpCost onGpu = Points.predict(mha, Phase.FORWARD, 2048, 1, true, null, Points.A100).ops().get(0).op();
        // 8 heads x 2048 x 2048 / 2 causal scores, one exponential each.
        double scores = 8 * 2048 * 2048 / 2.0;
        assertEquals(scores, onCpu.exponentials());
        assertEquals(scores, onCpu.fmaExponentials());
        assertEquals(scores, onGpu.exponentials());
        assertEquals(0.0, onGpu.fmaExponentials());
        assertEquals(onGpu.matrixFlops(), onCpu.matrixFlops());
    }
}
