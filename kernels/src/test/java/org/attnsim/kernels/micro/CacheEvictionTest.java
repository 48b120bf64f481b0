package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CacheEvictionTest {

    @Test
    void readsFourTimesTheCacheInWholeWorkGroupsOfPages() {
        // 32 MiB: 4 x 8192 pages of 4 KiB, already whole groups of 16 x 16 pages.
        assertEquals(32768, CacheEviction.pages(32 * 1024 * 1024));
        // A byte more takes a group more.
        assertEquals(32768 + 256, CacheEviction.pages(32 * 1024 * 1024 + 1));
        // A tiny cache still gets one group.
        assertEquals(256, CacheEviction.pages(1000));
    }
}
