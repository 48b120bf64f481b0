package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CacheToExceedTest {

    @Test
    void aGpuCacheIsAtLeast128MiBAndACpuCacheIsAsReported() {
        // The H100's 4,325,376 bytes under NVIDIA's OpenCL: 128 MiB instead.
        assertEquals(134_217_728.0, CacheToExceed.bytes(true, 4_325_376));
        assertEquals(200e6, CacheToExceed.bytes(true, 200e6));
        assertEquals(33_554_432.0, CacheToExceed.bytes(false, 33_554_432));
    }
}
