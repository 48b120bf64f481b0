package org.attnsim.reports.cli;

import com.aparapi.device.OpenCLDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ProfileWriter;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.calibrate.Calibration;
import org.attnsim.kernels.device.DeviceInfo;
import org.attnsim.kernels.device.OpenClDevices;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.micro.BandwidthPoint;
import org.attnsim.kernels.micro.MicroResults;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.reports.table.OutputFolder;
import org.attnsim.reports.table.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code attnsim calibrate}: microbenchmarks an OpenCL device and writes its measured hardware profile. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure an OpenCL device (bandwidth over sizes, FMA and exp rates, launch and memory latency, "
                + "how arithmetic overlaps memory traffic, and on a CPU what attnsim's own forward, decoding and "
                + "SparQ-scores loops cost) and write a hardware profile YAML usable wherever a bundled profile is.")
public final class CalibrateCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Profile to write (default: out/calibration/<id>.yaml).")
    Path output;

    @Mixin
    DeviceOptions deviceOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Harness.Budget budget = deviceOptions.budget();
        OpenCLDevice d = deviceOptions.choose();
        DeviceInfo info = OpenClDevices.describe(d);
        // The default file's name is the profile's id, known once measured; its folder is known now.
        OutputFolder folder = new OutputFolder(output != null ? output.toAbsolutePath().getParent()
                : Path.of("out", "calibration").toAbsolutePath());
        folder.checkWritable();
        out.println("calibrating " + info.label());
        Calibration.Calibrated c;
        try (Progress progress = Progress.start("calibrate", Microbenchmarks.STEPS)) {
            c = Calibration.measure(d, info, budget, progress::set);
        }
        MicroResults r = c.results();
        HardwareProfile p = c.profile();
        String id = p.id();
        Path file = output != null ? output : Path.of("out", "calibration", id + ".yaml");
        TextTable bw = new TextTable(List.of("working set", "triad bandwidth", "runs"), new boolean[] {true, true, true});
        for (BandwidthPoint b : r.bandwidth()) {
            bw.add(List.of(Quantity.format(b.workingSetBytes(), "B"), Quantity.format(b.bytesPerSecond(), "B/s"),
                    Integer.toString(b.measurement().repeats())));
        }
        out.print(bw.aligned());
        Microbenchmarks.ComputeRates rates = r.compute();
        String gather = r.gather().map(g -> String.format(Locale.ROOT, ", gathered rows %s (%.1f lines in flight per "
                + "unit)", Quantity.format(g.bytesPerSecond(), "B/s"), g.linesInFlight())).orElse("");
        out.printf(Locale.ROOT, "device memory %s, cache %s, FMA peak %s (in row updates %s, in scalar loops %s, in "
                + "one-accumulator dot products %s of 64 floats, %s of 128), exp peak %s (in a loop %s), launch %s, "
                + "memory latency %s, compute/memory overlap p = %.2f (the decoding kernel's one-query passes %s), "
                + "decoding loop %s a 64-row tile for one head and %s for each further head%s%s%n",
                Quantity.format(r.memoryBytesPerSecond(), "B/s"), Quantity.format(r.cacheBytesPerSecond(), "B/s"),
                Quantity.format(rates.fma().perSecond(), "FLOP/s"), Quantity.format(rates.rowUpdate().perSecond(), "FLOP/s"),
                Quantity.format(rates.loopFma().perSecond(), "FLOP/s"), Quantity.format(rates.dot().perSecond(), "FLOP/s"),
                Quantity.format(rates.longDot().perSecond(), "FLOP/s"),
                Quantity.format(rates.exp().perSecond(), "exp/s"), Quantity.format(rates.loopExp().perSecond(), "exp/s"),
                Quantity.formatSeconds(r.launch().medianSeconds()), Quantity.formatSeconds(r.memoryLatencySeconds()),
                r.overlap().exponent(), r.overlap().oneQueryKernel()
                        .map(k -> String.format(Locale.ROOT, "%.2f", k.exponent())).orElse("not timed"),
                Quantity.formatSeconds(r.decodeTile().oneHeadSeconds()),
                Quantity.formatSeconds(r.decodeTile().furtherHeadSeconds()),
                p.decodeTile().flatMap(DecodeTile::furtherPassFactor).map(f -> String.format(Locale.ROOT, " (the decoding "
                        + "kernel's passes after the first %.2f times that", f.value())
                        + p.decodeTile().flatMap(DecodeTile::pairedStart).map(s -> ", its paired kernel's start "
                                + Quantity.formatSeconds(s.value())).orElse("") + ")").orElse(""), gather);
        p.onceScoresArithmetic().ifPresent(o -> out.println("SparQ's K-once scores' arithmetic over the model's count: "
                + factors(o)));
        p.twiceScoresArithmetic().ifPresent(o -> out.println("SparQ's K-twice scores' arithmetic over the model's "
                + "count: " + factors(o)));
        List<String> passes = new ArrayList<>();
        p.twicePassesScoresArithmetic().ifPresent(o -> passes.add("arithmetic over the model's count " + factors(o)));
        p.twicePassesBytesPerSecond().ifPresent(f -> passes.add("the passes after the first at "
                + Quantity.format(f.value(), "B/s")));
        r.passesStep().ifPresent(t -> passes.add("the fused step " + Quantity.formatSeconds(t.secondsPerScore())
                + " a score of a unit beyond its stages (" + Quantity.formatSeconds(t.excess().median()) + " at "
                + t.groups() + " groups of " + t.heads() + " heads, median over " + t.excess().n() + " rounds)"));
        if (!passes.isEmpty()) {
            out.println("SparQ's K-twice scores read in passes (above r 16): " + String.join("; ", passes));
        }
        p.forwardArithmetic().ifPresent(f -> out.println("The forward kernel's arithmetic over the model's count: "
                + f.cases().stream().map(k -> String.format(Locale.ROOT, "%.2fx at d %d", k.factor().value(),
                        k.headDim())).collect(Collectors.joining(", "))));
        c.load().ifPresent(load -> out.println("while calibrating, " + load.describe()));
        c.load().flatMap(load -> load.warning("the calibration"))
                .ifPresent(w -> spec.commandLine().getErr().println("attnsim: warning: " + w));
        folder.add(file.getFileName().toString(), ProfileWriter.yaml(p, "Hardware profile measured by attnsim calibrate "
                + Version.text() + ".\nUse it with --hardware " + file + " or under hardware: in a scenario."));
        for (Path written : folder.commit().values()) {
            out.println("wrote " + written);
        }
        return 0;
    }

    /** "1.00x at 1 heads a KV head, ..., 2.55x at 4 heads a KV head, d 96, ...". */
    private static String factors(ScoresArithmetic scores) {
        return scores.cases().stream().map(k -> String.format(Locale.ROOT, "%.2fx at %d heads a KV head%s",
                k.factor().value(), k.heads(), k.headDim() == ScoresArithmetic.HEAD_DIM ? "" : ", d " + k.headDim()))
                .collect(Collectors.joining(", "));
    }
}
