package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.device.OpenClDevices;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.junit.jupiter.api.Assumptions;

/**
 * The OpenCL device kernel tests run on. Without one, tests are skipped on a developer's machine but
 * fail in CI (CI=true), where .ci/run installs PoCL: a kernel test must never pass by not running.
 */
public final class OpenClTestDevice {

    private OpenClTestDevice() {
    }

    public static OpenCLDevice get() {
        List<OpenCLDevice> devices = OpenClDevices.all();
        if (devices.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but no OpenCL device: .ci/run must install pocl-opencl-icd and ocl-icd-libopencl1");
            }
            Assumptions.abort("no OpenCL device (apt-get install pocl-opencl-icd ocl-icd-libopencl1)");
        }
        return devices.get(0);
    }

    /**
     * Runs the kernel once on the device and fails if Aparapi ran it anywhere else: a bare
     * {@code execute} would let a kernel the device refused pass on Aparapi's Java fallback. Returns the run's
     * timing, which names the device.
     */
    public static Measurement runOnce(Kernel kernel, Range range, OpenCLDevice device) {
        return runOnce(new Harness.Step(kernel.getClass().getSimpleName(), kernel, range), device);
    }

    /** The step run once, as {@link #runOnce(Kernel, Range, OpenCLDevice)} runs a kernel. */
    public static Measurement runOnce(Harness.Step step, OpenCLDevice device) {
        return Harness.time(step, device, new Harness.Budget(0, 1, 1, 0));
    }
}
