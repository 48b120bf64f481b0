package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlashTilingTest {

    @Test
    void blockFitsQAndDoubleBufferedKvInSram() {
        // 5 x 128 x 128 x 2 B = 160 KiB fits the A100's 164 KiB; d 256 needs 64-row blocks.
        assertEquals(128, FlashTiling.blockSize(128, 2, 164 * 1024));
        assertEquals(64, FlashTiling.blockSize(256, 2, 164 * 1024));
        assertEquals(64, FlashTiling.blockSize(128, 4, 164 * 1024));
        assertEquals(128, FlashTiling.blockSize(16, 2, 164 * 1024));
    }

    @Test
    void causalKeysVisitedSumTheTriangle() {
        // S 512, block 128: tiles see 128 + 256 + 384 + 512 = 1280 keys.
        assertEquals(1280.0, FlashTiling.keysVisited(512, 512, 128, true));
        assertEquals(2048.0, FlashTiling.keysVisited(512, 512, 128, false));
        // Backward mirror: key tiles see 512 + 384 + 256 + 128 = 1280 queries.
        assertEquals(1280.0, FlashTiling.queriesVisited(512, 512, 128, true));
    }
}
