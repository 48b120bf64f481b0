package org.attnsim.reports.cli;

import com.aparapi.device.OpenCLDevice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.calibrate.Calibration;
import org.attnsim.kernels.device.HostCpu;
import org.attnsim.kernels.device.HostPages;
import org.attnsim.kernels.device.KernelBuild;
import org.attnsim.kernels.device.OpenClDevices;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.micro.CalibrationScope;
import org.attnsim.kernels.micro.Microbenchmarks;

/** The profile that commands comparing kernels with predictions use: the one given, or the device calibrated now. */
final class ProfileOrCalibration {

    private ProfileOrCalibration() {
    }

    /** Progress steps {@link #get} takes: the calibration's, or none when a profile is given. */
    static int steps(String profile) {
        return profile == null ? Microbenchmarks.STEPS : 0;
    }

    /**
     * The profile {@code profile} names (an id or a file, read relative to the working folder), or, when
     * it is null, the calibrated profile of {@code device}, timing what {@code scope} asks, announced on {@code err}.
     */
    static HardwareProfile get(String profile, OpenCLDevice device, Harness.Budget budget, CalibrationScope scope,
            PrintWriter err, IntConsumer step) {
        if (profile != null) {
            HardwareProfile given = HardwareCatalog.resolve(profile, "--profile", Path.of("").toAbsolutePath());
            String platform = device.getOpenCLPlatform().getName();
            KernelBuild.mismatch(given.vectorFlopsPerSecond().source(), platform)
                    .ifPresent(w -> err.println("attnsim: warning: " + w));
            HostPages.mismatch(given.vectorFlopsPerSecond().source(), platform)
                    .ifPresent(w -> err.println("attnsim: warning: " + w));
            HostCpu.mismatch(given.vectorFlopsPerSecond().source(), platform)
                    .ifPresent(w -> err.println("attnsim: warning: " + w));
            return given;
        }
        var info = OpenClDevices.describe(device);
        err.println("attnsim: calibrating " + info.label() + " first (use --profile to skip)");
        Calibration.Calibrated c = Calibration.measure(device, info, budget, scope, step);
        c.load().flatMap(load -> load.warning("the calibration")).ifPresent(w -> err.println("attnsim: warning: " + w));
        return c.profile();
    }
}
