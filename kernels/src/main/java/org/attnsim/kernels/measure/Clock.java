package org.attnsim.kernels.measure;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;

/**
 * What a measurement's seconds count. On a CPU the host runs the kernel, and the wall clock around a blocking
 * launch is the kernel's time. On a GPU Aparapi's host work per launch (its arguments and buffers checked and
 * set, then a blocking wait) took about 100 us more than the kernel on an H100 with a 537 MB cache in its
 * arguments (dense decoding: 281-287 us by the device's clock, 474-544 us around its two launches; an empty
 * kernel's launch, 15 us; session 19), so there the device's own profiling clock times the kernel alone.
 */
public enum Clock {

    /** The host's wall clock around each blocking launch: the kernel and the host's work to launch it. */
    HOST("the host's wall clock around each blocking launch"),
    /** The device's profiling clock: each launch from its start to its end on the device. */
    DEVICE("the device's profiling clock (each launch from its start to its end on the device; the host's work "
            + "to launch it left out)");

    private final String description;

    Clock(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The device's clock on a GPU, the host's elsewhere. */
    public static Clock of(OpenCLDevice device) {
        return device.getType() == Device.TYPE.GPU ? DEVICE : HOST;
    }
}
