package org.attnsim.kernels.device;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.QueryFailedException;

/**
 * A range whose work-groups the kernel can run in. {@code Range.create(device, n)} sizes the groups by
 * the device's limit, but a kernel's own limit can be lower: NVIDIA's driver allows 1,024 work items per
 * group on an H100 yet only 256 for some of attnsim's kernels, and Aparapi then moves the kernel to its
 * fallback (which {@code Harness} refuses). PoCL's limits are the same for device and kernel, so on a CPU
 * the range is the one Aparapi would choose.
 */
public final class WorkGroups {

    private WorkGroups() {
    }

    /** {@code n} work items in groups of Aparapi's choice, made smaller where the kernel needs it. */
    public static Range range(Kernel kernel, OpenCLDevice device, int n) {
        return within(device, n, kernelLimit(kernel, device));
    }

    /** {@code n} work items in groups of Aparapi's choice, or of the largest divisor of n up to {@code limit}. */
    static Range within(OpenCLDevice device, int n, int limit) {
        Range chosen = Range.create(device, n);
        return chosen.getLocalSize(0) <= limit ? chosen : Range.create(device, n, largestDivisor(n, limit));
    }

    /** The largest divisor of {@code n} that is at most {@code limit} (1 when nothing larger divides it). */
    static int largestDivisor(int n, int limit) {
        for (int d = Math.min(n, limit); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    /** The most work items a group of this kernel may hold on the device (no limit where it names none). */
    public static int kernelLimit(Kernel kernel, OpenCLDevice device) {
        try {
            int limit = kernel.getKernelMaxWorkGroupSize(device);
            return limit > 0 ? limit : Integer.MAX_VALUE;
        } catch (QueryFailedException e) {
            throw new OpenClUnavailableException(kernel.getClass().getSimpleName(),
                    "cannot ask " + device.getName().trim() + " how many work items the kernel's groups may hold ("
                            + e.getMessage() + ")");
        }
    }
}
