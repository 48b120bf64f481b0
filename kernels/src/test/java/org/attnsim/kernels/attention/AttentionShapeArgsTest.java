package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AttentionShapeArgsTest {

    // GQA with 4 query heads per KV head at d_head 64: groups of 4 x 16 rows, key blocks of 32.
    private final AttentionShapeArgs gqa = AttentionShapeArgs.of(2, 4, 1, 45, 45, 64, false);

    @Test
    void theForwardKernelsTilesTakeQAccumulatorKVAndScores() {
        // 4 x (2 x 64 x 64 + 2 x 32 x 64 + 64 x 32) = 4 x 14,336
        assertEquals(57_344, gqa.forwardLocalBytes());
    }

    @Test
    void aGpusFortyEightKibibytesHalveTheKeyBlock() {
        AttentionShapeArgs fit = gqa.fitting(48 * 1024);
        assertEquals(16, fit.keyBlock());
        assertEquals(16, fit.tileRows());
        // 4 x (2 x 64 x 64 + 2 x 16 x 64 + 64 x 16) = 45,056
        assertEquals(45_056, fit.forwardLocalBytes());
    }

    @Test
    void theRowsHalveOnlyOnceTheKeyBlockIsAtItsSmallest() {
        // d_head 128, groups of 4 x 16 rows: 4 x (2 x 64 x 128 + 2 x 8 x 128 + 64 x 8) = 75,776 at the smallest
        // key block, too much; 8 rows (groups of 32): 4 x (2 x 32 x 128 + 2 x 8 x 128 + 32 x 8) = 41,984.
        AttentionShapeArgs fit = AttentionShapeArgs.of(1, 4, 1, 100, 100, 128, true).fitting(48 * 1024);
        assertEquals(8, fit.keyBlock());
        assertEquals(8, fit.tileRows());
        assertEquals(41_984, fit.forwardLocalBytes());
    }

    @Test
    void aCpusLocalMemoryLeavesTheShapeAsItIs() {
        assertEquals(gqa, gqa.fitting(2L << 20));
    }
}
