package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WideRowAheadTest {

    @Test
    void theRowsReadAheadAreAboutAKibibyteOfThemAndAtLeastOne() {
        assertEquals(2, WideRowDecodeAttentionKernel.aheadRowsFor(96)); // 1024 / 384 = 2.67
        assertEquals(2, WideRowDecodeAttentionKernel.aheadRowsFor(128)); // 1024 / 512
        assertEquals(1, WideRowDecodeAttentionKernel.aheadRowsFor(129)); // 1024 / 516 = 1.98
        assertEquals(1, WideRowDecodeAttentionKernel.aheadRowsFor(256)); // 1024 / 1024
        assertEquals(1, WideRowDecodeAttentionKernel.aheadRowsFor(512)); // 1024 / 2048 rounds to 0
    }
}
