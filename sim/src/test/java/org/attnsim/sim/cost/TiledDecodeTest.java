package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

/** attnsim's decoding kernels as the model counts them: the GPU's, hand-worked for a 132-SM device, and a CPU's. */
class TiledDecodeTest {

    static AttentionDims dims(int queryHeads, int kvHeads) {
        return AttentionDims.of(AttentionShape.of(512, 8, queryHeads, kvHeads, "t"),
                Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "t"));
    }

    @Test
    void mhaSplitsEachCacheForEightWorkGroupsAUnit() {
        List<OpCost> ops = TiledAttention.tiledDecode(dims(8, 8), 132);
        OpCost walk = ops.get(0);
        OpCost combine = ops.get(1);
        // 64 (batch, KV head) pairs, 8 x 132 / 64 = 16.5: 17 splits of 256 tiles of 64 rows.
        assertEquals(64 * 17, walk.tiles());
        assertEquals(64 * 256, walk.tileLoops());
        assertEquals(1, walk.tileHeads());
        // K and V (2 x 8 x 8 x 16384 x 64 x 4 B), the new row of each, q, and each split's 64 outputs, maximum
        // and sum for each head.
        double partials = 8 * 8 * 17 * 66 * 4;
        assertEquals(536_870_912 + 32_768 + 16_384 + partials, walk.deviceBytes());
        assertEquals(1, walk.launches());
        // The combine reads the partials and writes o, an exponential per split and output element.
        assertEquals(partials + 16_384, combine.deviceBytes());
        assertEquals(8 * 8 * 64 * 17, combine.exponentials());
        assertEquals(1, combine.launches());
    }

    @Test
    void anFp8CacheIsReadAByteAnElementAndConvertedAsItIsRead() {
        AttentionDims fp8 = AttentionDims.of(AttentionShape.of(512, 8, 8, 8, "t"),
                Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "t")
                        .withKvDtype(KvDtype.FP8, false, "t"));
        OpCost walk = TiledAttention.tiledDecode(fp8, 132).get(0);
        // K and V (2 x 8 x 8 x 16384 x 64 x 1 B), the new row of each in fp8, q in fp32, the same partials.
        double partials = 8 * 8 * 17 * 66 * 4;
        assertEquals(134_217_728 + 8_192 + 16_384 + partials, walk.deviceBytes());
        // A conversion and a scale for each of the 134,217,728 elements.
        assertEquals(2 * 134_217_728.0, walk.vectorOps() - TiledAttention.tiledDecode(dims(8, 8), 132).get(0)
                .vectorOps());
    }

    @Test
    void groupedHeadsShareATileAndMoreSplitsFillTheDevice() {
        OpCost walk = TiledAttention.tiledDecode(dims(8, 2), 132).get(0);
        // 16 pairs: 8 x 132 / 16 = 66 splits; 16 x 256 tiles, each scored for 4 heads.
        assertEquals(16 * 66, walk.tiles());
        assertEquals(16 * 256, walk.tileLoops());
        assertEquals(4, walk.tileHeads());
        assertEquals(4, walk.tileHeadsAPass());
    }

    @Test
    void aCpusChunkedLoopWalksEveryRowFromMemoryOnceForAllTheHeadsOfItsGroup() {
        // Two units: 64 (batch, KV head) pairs need no split; 16,384 rows each, 256 tiles of 64 rows.
        OpCost mha = TiledAttention.decode(dims(8, 8), 32, 2);
        assertEquals(64 * 256, mha.tileLoops());
        assertEquals(1, mha.tileHeads());
        // 16 pairs, each row scored for 4 heads.
        OpCost gqa = TiledAttention.decode(dims(8, 2), 32, 2);
        assertEquals(16 * 256, gqa.tileLoops());
        assertEquals(4, gqa.tileHeads());
        // Two heads a pass (DecodeAttentionKernel): the second pass finds the rows in the cache.
        assertEquals(2, gqa.tileHeadsAPass());
    }
}
