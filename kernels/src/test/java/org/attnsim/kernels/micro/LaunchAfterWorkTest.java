package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.OpenClTestDevice;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.junit.jupiter.api.Test;

class LaunchAfterWorkTest {

    @Test
    void theEmptyKernelAndTheDecodingStepAreTimedOnTheDeviceAfterTheReadAndAfterThemselvesInTheSameRounds() {
        OpenCLDevice device = OpenClTestDevice.get();
        LaunchAfterWork w = LaunchAfterWork.measure(device, 1 << 20, Harness.Budget.QUICK);
        for (Measurement m : List.of(w.emptyAfterWork(), w.emptyBackToBack(), w.stepAfterWork(), w.stepBackToBack())) {
            assertEquals(device.getName().trim(), m.device());
            assertEquals(w.wake().n(), m.repeats(), "one difference a round");
            assertTrue(m.medianSeconds() > 0);
        }
        assertEquals(w.wake().n(), w.opState().n());
        assertTrue(w.launchSeconds(33e-6) >= 33e-6);
        assertTrue(w.opSeconds() >= 0);
    }

    @Test
    void otherWorkAddsItsMediansAndNeverTakesTimeAway() {
        Measurement any = new Measurement("step", 1e-4, 1e-4, 1e-4, 9, "cpu", false);
        LaunchAfterWork slower = new LaunchAfterWork(any, any, any, any, new MedianInterval(40e-6, 30e-6, 50e-6, 9),
                new MedianInterval(20e-6, 10e-6, 30e-6, 9));
        assertEquals(33e-6 + 40e-6, slower.launchSeconds(33e-6), 1e-15);
        assertEquals(20e-6, slower.opSeconds(), 1e-15);
        LaunchAfterWork noise = new LaunchAfterWork(any, any, any, any, new MedianInterval(-4e-6, -9e-6, 2e-6, 9),
                new MedianInterval(-1e-6, -5e-6, 3e-6, 9));
        assertEquals(33e-6, noise.launchSeconds(33e-6), 0);
        assertEquals(0, noise.opSeconds(), 0);
    }
}
