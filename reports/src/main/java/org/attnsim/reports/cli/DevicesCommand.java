package org.attnsim.reports.cli;

import java.util.List;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.device.DeviceInfo;
import org.attnsim.kernels.device.KernelBuild;
import org.attnsim.kernels.device.OpenClDevices;
import org.attnsim.kernels.device.OpenClUnavailableException;
import org.attnsim.reports.table.TextTable;
import picocli.CommandLine.Command;

/** {@code attnsim devices}: the OpenCL platforms and devices kernels can run on. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the OpenCL devices the kernels can run on (index, platform, name, type, units, clock, memory).")
public final class DevicesCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        List<DeviceInfo> devices = OpenClDevices.describe();
        if (devices.isEmpty()) {
            out.println("No OpenCL device found: " + OpenClDevices.absence()
                    + ". Kernels need one: on Debian or Ubuntu, "
                    + "'" + OpenClUnavailableException.INSTALL_POCL + "' gives a CPU device.");
            return;
        }
        TextTable t = new TextTable(List.of("#", "platform", "device", "type", "compute units", "clock", "global memory",
                "local memory", "cache"), new boolean[] {true, false, false, false, true, true, true, true, true});
        for (DeviceInfo d : devices) {
            t.add(List.of(Integer.toString(d.index()), d.platform(), d.name(), d.type(),
                    Integer.toString(d.computeUnits()),
                    d.clockMegahertz() > 0 ? d.clockMegahertz() + " MHz" : "unknown (no clinfo)",
                    Quantity.format(d.globalMemoryBytes(), "B"), Quantity.format(d.localMemoryBytes(), "B"),
                    d.cacheBytes() > 0 ? Quantity.format(d.cacheBytes(), "B") : "unknown"));
        }
        out.print(t.aligned());
        devices.stream().map(DeviceInfo::platform).distinct()
                .forEach(p -> out.println(p + ": " + KernelBuild.describe(p) + "."));
        out.println("Pick one with --device INDEX|NAME; the default is the first (GPUs come first).");
    }
}
