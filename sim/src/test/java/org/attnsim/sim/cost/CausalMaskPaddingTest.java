package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.Points;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;

/**
 * The forward op's executed scores under a causal mask: whole tiles on the diagonal on a GPU, each row's own keys on
 * a CPU, where attnsim's kernel gives every query row a work item of its own.
 */
class CausalMaskPaddingTest {

    private static final AttentionShape MHA = AttentionShape.of(512, 8, 8, 8, "t");

    @Test
    void onACpuEachRowScoresOnlyTheKeysItSees() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        OpCost causal = Points.predict(MHA, Phase.FORWARD, 2048, 1, true, null, cpu).ops().get(0).op();
        OpCost open = Points.predict(MHA, Phase.FORWARD, 2048, 1, false, null, cpu).ops().get(0).op();
        // Rows 0..2047 see 1..2048 keys: 2048 x 2049 / 2 scores executed against 2048 x 2048 / 2 counted.
        assertEquals(2049.0 / 2048, causal.padding(), 1e-15);
        assertEquals(1.0, open.padding());
    }

    @Test
    void onAGpuTheDiagonalTilesRunWhole() {
        OpCost causal = Points.predict(MHA, Phase.FORWARD, 2048, 1, true, null, Points.A100).ops().get(0).op();
        // Blocks of 128 (d 64, bf16, the A100's SRAM): 16 query tiles see 128, 256, ..., 2048 keys, 128 x 136 x 128
        // scores executed against 2048 x 2048 / 2 counted.
        assertEquals(128.0 * 136 * 128 / (2048.0 * 2048 / 2), causal.padding(), 1e-15);
    }

    @Test
    void rowByRowWithFewerQueriesThanKeys() {
        // 4 queries after 6 cached keys: they see 7, 8, 9 and 10 keys, 34 against 4 x 10 / 2 counted.
        AttentionDims dims = new AttentionDims(1, 1, 1, 64, 4, 4, 10, true, 4, false);
        assertEquals(34.0 / 20, TiledAttention.rowByRowPadding(dims), 1e-15);
    }
}
