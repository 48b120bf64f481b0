package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnsim.kernels.device.LineStart;
import org.junit.jupiter.api.Test;

class ColumnStrideTest {

    @Test
    void aPowerOfTwoColumnGetsOneMoreCacheLine() {
        assertEquals(16384 + 16, SparqScoresStage.columnStride(16384));
        assertEquals(4096 + 16, SparqScoresStage.columnStride(4096));
        assertEquals(48, SparqScoresStage.columnStride(32));
    }

    @Test
    void anOddNumberOfLinesIsKeptAndAPartLineIsRoundedUp() {
        assertEquals(16, SparqScoresStage.columnStride(1));
        assertEquals(16, SparqScoresStage.columnStride(16));
        assertEquals(48, SparqScoresStage.columnStride(33));
        assertEquals(112, SparqScoresStage.columnStride(100));
    }

    /**
     * An odd number of lines apart, the first lines of 64 consecutive columns fall in 64 different sets of a
     * cache with 64 sets (a 32 KiB, 8-way L1 of 64-byte lines), whatever the length.
     */
    @Test
    void consecutiveColumnsStartInDifferentSets() {
        for (int len = 1; len <= 70000; len += 37) {
            int stride = SparqScoresStage.columnStride(len);
            assertTrue(stride >= len, "a column fits");
            assertEquals(0, stride % LineStart.LINE_FLOATS, "columns start on a line");
            boolean[] used = new boolean[64];
            for (int c = 0; c < 64; c++) {
                int set = (int) ((long) c * stride / LineStart.LINE_FLOATS % 64);
                assertTrue(!used[set], "S " + len + ": column " + c + " shares set " + set);
                used[set] = true;
            }
        }
    }
}
