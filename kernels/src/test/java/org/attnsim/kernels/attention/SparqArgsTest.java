package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparqArgsTest {

    private static final SparqArgs TWICE = new SparqArgs(16, 128, 0, true, true);

    @Test
    void halvesTakeWholePassesOfFourColumns() {
        assertEquals(8, TWICE.firstHalfColumns());
        assertEquals(4, new SparqArgs(8, 64, 0, true, true).firstHalfColumns());
        assertEquals(4, new SparqArgs(12, 64, 0, true, true).firstHalfColumns());
        assertEquals(16, new SparqArgs(32, 64, 0, true, true).firstHalfColumns());
    }

    @Test
    void columnsAreReadInHalvesWhereTheGroupsScoresFitInHalfTheLocalMemory() {
        // MHA at S 16k: 64 KiB of first-half scores, in PoCL's 1 MiB but not in half of a GPU's 48 KiB.
        AttentionShapeArgs mha = AttentionShapeArgs.of(8, 8, 8, 1, 16384, 64, false);
        assertTrue(TWICE.fitting(mha, 1 << 20).columnHalves());
        assertFalse(TWICE.fitting(mha, 48 << 10).columnHalves());
        // Four query heads a group at S 3072: 48 KiB, just within half of 96 KiB, not of 94.
        AttentionShapeArgs gqa = AttentionShapeArgs.of(1, 8, 2, 1, 3072, 64, false);
        assertTrue(TWICE.fitting(gqa, 96 << 10).columnHalves());
        assertFalse(TWICE.fitting(gqa, 94 << 10).columnHalves());
        // K stored once reads rows, and r = 4 has no two halves of four columns.
        assertFalse(new SparqArgs(16, 128, 0, false, true).fitting(mha, 1 << 20).columnHalves());
        assertFalse(new SparqArgs(4, 128, 0, true, true).fitting(mha, 1 << 20).columnHalves());
        // Nothing else changes.
        assertEquals(TWICE, TWICE.fitting(mha, 48 << 10));
    }

    @Test
    void halvesWithoutTheColumnsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SparqArgs(16, 128, 0, false, true, true));
        assertThrows(IllegalArgumentException.class, () -> new SparqArgs(4, 128, 0, true, true, true));
    }
}
