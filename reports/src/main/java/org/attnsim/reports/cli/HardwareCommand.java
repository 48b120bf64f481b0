package org.attnsim.reports.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.reports.table.ProfileFigures;
import org.attnsim.reports.table.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code attnsim hardware list | show ID|FILE}. */
@Command(name = "hardware", mixinStandardHelpOptions = true, description = "List or show hardware profiles.",
        subcommands = {HardwareCommand.ListProfiles.class, HardwareCommand.ShowProfile.class})
public final class HardwareCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the bundled profiles.")
    static final class ListProfiles implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            TextTable t = new TextTable(List.of("id", "name", "units", "bf16 matrix", "fp32 vector", "exp", "memory BW",
                    "memory"), new boolean[] {false, false, true, true, true, true, true, true});
            for (HardwareProfile p : HardwareCatalog.bundled()) {
                t.add(List.of(p.id(), p.name(), String.format(Locale.ROOT, "%d %ss", p.units(), p.kind().unitName()),
                        Quantity.format(p.matrixPeak(org.attnsim.hwmodels.Dtype.BF16), "FLOP/s"),
                        Quantity.format(p.vectorFlopsPerSecond().value(), "FLOP/s"),
                        Quantity.format(p.exponentialsPerSecond().value(), "exp/s"),
                        Quantity.format(p.deviceMemory().bandwidthBytesPerSecond().value(), "B/s"),
                        Quantity.format(p.deviceMemory().capacityBytes().value(), "B")));
            }
            spec.commandLine().getOut().print(t.aligned());
            spec.commandLine().getOut().println("Show one with its sources: attnsim hardware show ID");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show every figure of a profile and its source.")
    static final class ShowProfile implements Runnable {
        @Parameters(index = "0", paramLabel = "ID|FILE", description = "A bundled id or a profile YAML file.")
        String profile;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            HardwareProfile p = HardwareCatalog.resolve(profile, "hardware show", Path.of("").toAbsolutePath());
            var out = spec.commandLine().getOut();
            out.println(p.id() + ": " + p.name() + " (" + p.kind().name().toLowerCase(Locale.ROOT) + ", read from "
                    + p.origin() + ")");
            TextTable t = new TextTable(List.of("figure", "value", "source"), new boolean[] {false, true, false});
            for (String[] line : ProfileFigures.of(p)) {
                t.add(List.of(line));
            }
            out.print(t.aligned());
        }
    }
}
