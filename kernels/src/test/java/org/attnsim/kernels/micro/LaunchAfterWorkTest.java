package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Optional;
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
        // SparQ's fused step in the same rounds, on a CPU (the test device's kind).
        boolean cpu = device.getType() == com.aparapi.device.Device.TYPE.CPU;
        assertEquals(cpu, w.stageState().isPresent());
        if (cpu) {
            for (Measurement m : List.of(w.fusedAfterWork().orElseThrow(), w.fusedBackToBack().orElseThrow())) {
                assertEquals(device.getName().trim(), m.device());
                assertEquals(w.wake().n(), m.repeats());
            }
            assertEquals(w.wake().n(), w.stageState().orElseThrow().n());
            assertTrue(w.stageSeconds().orElseThrow() >= 0);
        }
    }

    @Test
    void eachFurtherStageIsWhatTheFusedStepLostBeyondTheDecodingStepOverItsStagesAfterTheFirst() {
        // Rounds of: the read, the empty kernel, the decoding step twice, the empty kernel, the read, the empty
        // kernel, the fused step twice. The decoding step lost 40, 30 and 50 us; the fused step 70, 70 and 90 us:
        // (70 - 40) / 2 = 15, (70 - 30) / 2 = 20, (90 - 50) / 2 = 20 us. Median 20 us.
        double[][] samples = {
            {5e-3, 5e-3, 5e-3}, {70e-6, 70e-6, 70e-6}, {140e-6, 130e-6, 150e-6}, {100e-6, 100e-6, 100e-6},
            {30e-6, 30e-6, 30e-6}, {5e-3, 5e-3, 5e-3}, {70e-6, 70e-6, 70e-6}, {270e-6, 270e-6, 290e-6},
            {200e-6, 200e-6, 200e-6}};
        assertEquals(20e-6, LaunchAfterWork.stageState(samples).median(), 1e-15);
        assertEquals(3, LaunchAfterWork.stageState(samples).n());
    }

    @Test
    void otherWorkAddsItsMediansAndNeverTakesTimeAway() {
        Measurement any = new Measurement("step", 1e-4, 1e-4, 1e-4, 9, "cpu", false);
        LaunchAfterWork slower = new LaunchAfterWork(any, any, any, any, new MedianInterval(40e-6, 30e-6, 50e-6, 9),
                new MedianInterval(20e-6, 10e-6, 30e-6, 9), Optional.of(any), Optional.of(any),
                Optional.of(new MedianInterval(12e-6, 5e-6, 19e-6, 9)));
        assertEquals(33e-6 + 40e-6, slower.launchSeconds(33e-6), 1e-15);
        assertEquals(20e-6, slower.opSeconds(), 1e-15);
        assertEquals(12e-6, slower.stageSeconds().orElseThrow(), 1e-15);
        LaunchAfterWork noise = new LaunchAfterWork(any, any, any, any, new MedianInterval(-4e-6, -9e-6, 2e-6, 9),
                new MedianInterval(-1e-6, -5e-6, 3e-6, 9), Optional.of(any), Optional.of(any),
                Optional.of(new MedianInterval(-2e-6, -6e-6, 1e-6, 9)));
        assertEquals(33e-6, noise.launchSeconds(33e-6), 0);
        assertEquals(0, noise.opSeconds(), 0);
        assertEquals(0, noise.stageSeconds().orElseThrow(), 0);
        // A GPU's rounds have no fused step.
        LaunchAfterWork gpu = new LaunchAfterWork(any, any, any, any, new MedianInterval(4e-6, 3e-6, 5e-6, 9),
                new MedianInterval(2e-6, 1e-6, 3e-6, 9), Optional.empty(), Optional.empty(), Optional.empty());
        assertTrue(gpu.stageSeconds().isEmpty());
    }
}
