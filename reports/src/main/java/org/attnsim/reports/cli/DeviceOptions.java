package org.attnsim.reports.cli;

import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.device.KernelBuild;
import org.attnsim.kernels.device.OpenClDevices;
import org.attnsim.kernels.measure.Harness;
import picocli.CommandLine.Option;

/** The options of every command that measures on an OpenCL device (a picocli mixin). */
final class DeviceOptions {

    @Option(names = "--device", paramLabel = "INDEX|NAME", description = "OpenCL device (default: the first, see attnsim devices).")
    String device;

    @Option(names = "--quick", description = "Fewer repeats: seconds instead of minutes, wider intervals.")
    boolean quick;

    /** The chosen device; warns on stderr when PoCL will build the kernels without their build flags. */
    OpenCLDevice choose() {
        OpenCLDevice d = OpenClDevices.choose(device, "--device");
        KernelBuild.warning(d.getOpenCLPlatform().getName()).ifPresent(w -> System.err.println("attnsim: warning: " + w));
        return d;
    }

    Harness.Budget budget() {
        return quick ? Harness.Budget.QUICK : Harness.Budget.STANDARD;
    }
}
