package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqDecodeKernel;
import org.junit.jupiter.api.Test;

class LocalMemoryTest {

    abstract static class Base extends Kernel {
        @Local final float[] tile = new float[10];
        final float[] global = new float[100];
    }

    static final class Sub extends Base {
        @Local final int[] counts = new int[3];
        @Local final double[] sums = new double[2];

        @Override
        public void run() {
        }
    }

    @Test
    void countsTheLocalArraysOfTheClassAndItsSuperclasses() {
        // 10 floats and 3 ints at 4 bytes, 2 doubles at 8; the global array does not count.
        assertEquals(40 + 12 + 16, LocalMemory.bytes(new Sub()));
    }

    @Test
    void sparqNeedsTwentyKilobytesAndSixPerQueryHeadOfAGroup() {
        // d 64, r 16, k 128. Fixed: the chosen components (64 B) and their weights (256), the top-k's 16
        // histograms of 256 buckets (16,384), their totals (1,024), its few scalars (8 + 4 + 16), four
        // arrays of 16 (256), the tile's row maxima and taken columns (1,024 each): 20,060. Per head of the
        // group: q / tau at r (64), two statistics of 16 items (128), the 16 items' blocks of 64 scores
        // (4,096), the masked query, q scaled and the accumulator (3 x 256), the exact and approximate
        // scores of k rows (1,024), one touch (4): 6,084. Without the columns in halves their first half's
        // scores are one float (4); in halves, a float per head of the group and position (S 256: 1,024 a head).
        assertEquals(20_064 + 4 * 6_084, LocalMemory.bytes(sparq(4, false)));
        assertEquals(20_064 + 6_084, LocalMemory.bytes(sparq(1, false)));
        assertEquals(20_060 + 4 * (6_084 + 1_024), LocalMemory.bytes(sparq(4, true)));
        // So a group of four heads fits the 48 KiB an NVIDIA GPU gives a work-group, and one of five does not.
        assertDoesNotThrow(() -> LocalMemory.requireFits("GQA", LocalMemory.bytes(sparq(4, false)), 48 * 1024, "gpu"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LocalMemory.requireFits("five heads", LocalMemory.bytes(sparq(5, false)), 48 * 1024, "gpu"));
        assertTrue(e.getMessage().startsWith("five heads: its kernel needs 50484 bytes of local memory per work-group, "
                + "gpu has 49152"), e.getMessage());
    }

    private static SparqDecodeKernel sparq(int groupSize, boolean halves) {
        AttentionShapeArgs a = AttentionShapeArgs.of(1, groupSize, 1, 1, 256, 64, false);
        float[] kv = new float[a.keyElements()];
        return new SparqDecodeKernel(a, new SparqArgs(16, 128, 0, halves, true, halves), new float[a.queryElements()],
                kv, new float[1], kv, new float[64]);
    }
}
