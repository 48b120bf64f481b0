package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.OpenClTestDevice;
import org.junit.jupiter.api.Test;

class WorkGroupsTest {

    @Test
    void theLargestDivisorWithinTheKernelsLimit() {
        assertEquals(256, WorkGroups.largestDivisor(1 << 14, 256));
        assertEquals(250, WorkGroups.largestDivisor(1_000, 256));
        assertEquals(150, WorkGroups.largestDivisor(300, 256));
        assertEquals(132, WorkGroups.largestDivisor(132, 256));
        assertEquals(1, WorkGroups.largestDivisor(257, 256));
    }

    @Test
    void groupsLargerThanTheKernelAllowsAreSplit() {
        // As on an H100 under NVIDIA's OpenCL: the device takes 1,024 items a group, some kernels 256.
        OpenCLDevice device = OpenClTestDevice.get();
        Range range = WorkGroups.within(device, 1_000, 8);
        assertEquals(1_000, range.getGlobalSize(0));
        assertEquals(8, range.getLocalSize(0));
    }

    @Test
    void groupsWithinTheLimitAreAparapisChoice() {
        OpenCLDevice device = OpenClTestDevice.get();
        assertEquals(Range.create(device, 1_000).getLocalSize(0),
                WorkGroups.within(device, 1_000, Integer.MAX_VALUE).getLocalSize(0));
    }
}
