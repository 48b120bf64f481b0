package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparqArgsTest {

    private static final SparqArgs TWICE = new SparqArgs(16, 128, 0, true, true);

    /** Half of r up to r 16, then all but the last eight (the statistics' half), in whole passes of four. */
    @Test
    void halvesTakeWholePassesOfFourColumns() {
        assertEquals(8, TWICE.firstHalfColumns());
        assertEquals(4, new SparqArgs(8, 64, 0, true, true).firstHalfColumns());
        assertEquals(4, new SparqArgs(12, 64, 0, true, true).firstHalfColumns()); // 6, down to a pass of four
        assertEquals(8, new SparqArgs(18, 64, 0, true, true).firstHalfColumns()); // 10, down to 8
        assertEquals(12, new SparqArgs(20, 64, 0, true, true).firstHalfColumns());
        assertEquals(24, new SparqArgs(32, 64, 0, true, true).firstHalfColumns());
        assertEquals(56, new SparqArgs(64, 64, 0, true, true).firstHalfColumns());
    }

    @Test
    void theFirstHalfIsReadInPassesAboveSixteenColumnsInHalves() {
        assertFalse(new SparqArgs(16, 64, 0, true, true, true).inPasses());
        assertTrue(new SparqArgs(20, 64, 0, true, true, true).inPasses());
        assertFalse(new SparqArgs(32, 64, 0, true, true, false).inPasses());
        assertFalse(new SparqArgs(32, 64, 0, false, true).inPasses());
    }

    /*
     * The work-group's local arrays, by hand, at d 64, r 16, k 128 and g query heads a group: the scores'
     * selected columns 64 B, column weights 256, weights 64g, item maxima and sums 64g each, blocks 4096g,
     * masked q 256g; the top-k's histograms 16,384, totals 1,024, bounds, threshold and state 28, four offset
     * and chunk arrays 256, row maxima and columns 2,048; the exact stage's accumulator and scaled q 256g
     * each, exact and approximate scores 512g each, touched 4g; and with halves, the first half 4gS.
     */
    @Test
    void columnsAreReadInHalvesWhereTheWholeWorkGroupFits() {
        // MHA at S 16k: 26,144 B beside 65,536 B of first-half scores, in PoCL's 1 MiB, not in a GPU's 48 KiB.
        AttentionShapeArgs mha = AttentionShapeArgs.of(8, 8, 8, 1, 16384, 64, false);
        assertEquals(26_144 + 65_536, SparqDecodeKernel.localBytes(mha, TWICE.fitting(mha, 1 << 20)));
        assertTrue(TWICE.fitting(mha, 1 << 20).columnHalves());
        assertTrue(TWICE.fitting(mha, 91_680).columnHalves());
        assertFalse(TWICE.fitting(mha, 91_679).columnHalves());
        assertFalse(TWICE.fitting(mha, 48 << 10).columnHalves());
        // Four query heads a group at S 3072: 44,396 B beside 49,152 B of first-half scores.
        AttentionShapeArgs gqa = AttentionShapeArgs.of(1, 8, 2, 1, 3072, 64, false);
        assertTrue(TWICE.fitting(gqa, 93_548).columnHalves());
        assertFalse(TWICE.fitting(gqa, 93_547).columnHalves());
        // K stored once reads rows, and r = 4 has no two halves of four columns.
        assertFalse(new SparqArgs(16, 128, 0, false, true).fitting(mha, 1 << 20).columnHalves());
        assertFalse(new SparqArgs(4, 128, 0, true, true).fitting(mha, 1 << 20).columnHalves());
        // Without halves only the one-float placeholder remains; nothing else changes.
        assertEquals(26_144 + 4, SparqDecodeKernel.localBytes(mha, TWICE));
        assertEquals(TWICE, TWICE.fitting(mha, 48 << 10));
    }

    @Test
    void halvesWithoutTheColumnsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SparqArgs(16, 128, 0, false, true, true));
        assertThrows(IllegalArgumentException.class, () -> new SparqArgs(4, 128, 0, true, true, true));
    }
}
