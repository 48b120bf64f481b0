package org.attnsim.kernels.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.OpenClTestDevice;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.micro.TriadKernel;
import org.junit.jupiter.api.Test;

/**
 * The device's profiling clock (what a GPU's kernels are timed by) on the test device: a triad over three
 * arrays of 64 MB takes no more than the host's clock saw around its blocking launch, and no less than its
 * 192 MB would take at 10 TB/s (more than any device's memory gives).
 */
class DeviceClockTest {

    @Test
    void theDeviceClockTimesEachLaunchWithinTheHostsTimeAroundIt() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 1 << 24;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        TriadKernel triad = new TriadKernel(a, b, c, 0.5f);
        triad.setExplicit(true);
        triad.put(a).put(b).put(c);
        Range range = WorkGroups.range(triad, device, n);
        Harness.Step once = new Harness.Step("triad", triad, range);
        once.run(Clock.HOST);
        try {
            double launch = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                double onDevice = once.run(Clock.DEVICE);
                double host = (System.nanoTime() - start) / 1e9;
                assertTrue(onDevice <= host, () -> onDevice + " s on the device, " + host + " s on the host");
                launch = Math.min(launch, onDevice);
            }
            assertTrue(launch > 192e6 / 10e12, "192 MB in " + launch + " s");
        } finally {
            triad.dispose();
        }
    }
}
