package org.attnsim.reports.cli;

import com.aparapi.device.OpenCLDevice;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.kernels.device.KernelBuild;
import org.attnsim.kernels.device.OpenClDevices;
import org.attnsim.kernels.measure.Harness;
import picocli.CommandLine.Option;

/** The options of every command that measures on an OpenCL device (a picocli mixin). */
final class DeviceOptions {

    /** An hour a point: past it a typo, not a wish. */
    static final double MAX_SECONDS = 3600;

    @Option(names = "--device", paramLabel = "INDEX|NAME", description = "OpenCL device (default: the first, see attnsim devices).")
    String device;

    @Option(names = "--quick", description = "Fewer repeats: seconds instead of minutes, wider intervals.")
    boolean quick;

    @Option(names = "--seconds", paramLabel = "S", description = "Seconds to time each kernel or point for (default 1, "
            + "0.2 with --quick): more gives narrower intervals and speed-ups that average over more of a shared "
            + "machine's load.")
    Double seconds;

    /** The chosen device; warns on stderr when PoCL will build the kernels without their build flags. */
    OpenCLDevice choose() {
        OpenCLDevice d = OpenClDevices.choose(device, "--device");
        KernelBuild.warning(d.getOpenCLPlatform().getName()).ifPresent(w -> System.err.println("attnsim: warning: " + w));
        return d;
    }

    Harness.Budget budget() {
        Harness.Budget base = quick ? Harness.Budget.QUICK : Harness.Budget.STANDARD;
        if (seconds == null) {
            return base;
        }
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new InvalidInputException("--seconds", "value " + seconds + " is out of range",
                    "must be above 0 and at most " + MAX_SECONDS);
        }
        return base.withSeconds(seconds);
    }
}
