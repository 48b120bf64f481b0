package org.attnsim.reports.cli;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.calibrate.RunRates;
import org.attnsim.kernels.device.HostLoad;
import org.attnsim.kernels.device.KernelBuild;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.micro.CalibrationScope;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.measure.Rounds;
import org.attnsim.kernels.micro.CacheEviction;
import org.attnsim.kernels.micro.TriadStep;
import org.attnsim.kernels.validate.KernelRunner;
import org.attnsim.reports.table.TextTable;
import org.attnsim.reports.table.ValidationTable;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.cost.SparqTransfer;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code attnsim kernel-bench}: how fast the kernels run on this device, as fractions of what the same
 * run measured the device can do: the forward kernel's FLOP rate against the calibrated FMA peak, dense
 * decoding's bandwidth against the calibrated triad bandwidth and against a triad timed in alternation
 * with it, and SparQ's speed-up over dense decoding
 * against the paper's transfer ratio, at d_head 64 or {@code --head-dim}. Everything is measured in one run, so a
 * shared machine's noise moves the numerator and the denominator together as far as it can.
 */
@Command(name = "kernel-bench", mixinStandardHelpOptions = true,
        description = "Measure the kernels against the device's calibrated rates: forward FLOP rate, decode "
                + "bandwidth, SparQ's speed-up over dense decoding and SparQ's bandwidth, each next to its goal.")
public final class KernelBenchCommand implements Callable<Integer> {

    /** Goals of the kernels issue: fractions of the calibrated rate or of the transfer ratio. */
    static final double FORWARD_GOAL = 0.40;
    static final double DECODE_GOAL = 0.60;
    static final double SPARQ_GOAL = 0.70;
    /** Heads of every point: d_model is 8 d_head (512 at the default 64). */
    static final int HEADS = 8;
    /** The widest d_head the option takes: the kernel tests' widest (forward, decoding and SparQ at 256). */
    static final int MAX_HEAD_DIM = 256;

    @Option(names = "--profile", paramLabel = "ID|FILE", description = "Calibrated profile of this device "
            + "(default: calibrate now, in the same run).")
    String profile;

    @Option(names = "--forward-seq", defaultValue = "2048", paramLabel = "N",
            description = "Tokens of the forward point (default: ${DEFAULT-VALUE}).")
    int forwardSeq;

    @Option(names = "--decode-seq", defaultValue = "16384", paramLabel = "N",
            description = "Cached tokens of the decode points (default: ${DEFAULT-VALUE}).")
    int decodeSeq;

    @Option(names = "--decode-batch", defaultValue = "8", paramLabel = "N",
            description = "Sequences of the decode points (default: ${DEFAULT-VALUE}).")
    int decodeBatch;

    @Option(names = "--head-dim", defaultValue = "64", paramLabel = "N",
            description = "d_head of every point, over 8 heads, and SparQ's r a quarter of it as in the paper "
                    + "(default: ${DEFAULT-VALUE}; 128 is the SparQ paper's Llama 2 7B and most LLMs').")
    int headDim;

    @Mixin
    DeviceOptions deviceOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Harness.Budget budget = deviceOptions.budget();
        if (headDim < 4 || headDim > MAX_HEAD_DIM || headDim % 4 != 0) {
            throw new InvalidInputException("--head-dim", "value " + headDim + " is not allowed",
                    "must be a multiple of 4 from 4 to " + MAX_HEAD_DIM + " (SparQ's r is a quarter of it)");
        }
        OpenCLDevice d = deviceOptions.choose();
        HardwareProfile hw;
        Point forward;
        Point dense;
        Point sparq;
        Measurement f;
        Measurement dn;
        KernelRunner.KernelTiming sp;
        MedianInterval speedup;
        double triadBeside;
        double triadBesideSparq;
        Optional<HostLoad.Share> load;
        int base = ProfileOrCalibration.steps(profile);
        try (Progress progress = Progress.start("kernel-bench", base + 3)) {
            hw = ProfileOrCalibration.get(profile, d, budget, CalibrationScope.everything(), err, progress::set);
            Optional<HostLoad.Sample> start = HostLoad.now();
            // 8 heads of d_head, fp32 as the kernels compute; r = d_head / 4 as in the paper.
            forward = point(hw, Phase.FORWARD, forwardSeq, 1, headDim, null);
            dense = point(hw, Phase.DECODE, decodeSeq, decodeBatch, headDim, null);
            sparq = point(hw, Phase.DECODE, decodeSeq, decodeBatch, headDim,
                    new SparqConfig(headDim / 4, 128, 0, KeyLayout.TWICE, true));
            try (KernelRunner.Prepared fk = KernelRunner.prepare(forward, d, 1)) {
                f = Harness.time(fk.step(), d, budget);
            }
            progress.set(base + 1);
            double cache = hw.lastLevelCache().capacityBytes().value();
            try (KernelRunner.Prepared dk = KernelRunner.prepare(dense, d, 2);
                    KernelRunner.Prepared sk = KernelRunner.prepare(sparq, d, 3);
                    TriadStep triad = TriadStep.beyondCache(d, cache);
                    CacheEviction eviction = CacheEviction.beyond(d, cache)) {
                // A triad in the same rounds: the bandwidth the memory gave while dense decoding ran.
                List<Measurement> rounds = Harness.timeAlternating(List.of(dk.step(), triad.step()), d, budget);
                dn = rounds.get(0);
                triadBeside = triad.bytesPerSecond(rounds.get(1), hw.launchLatencySeconds().value());
                progress.set(base + 2);
                // The speed-up from runs in alternation: both under the same load on a shared machine, for four
                // times the budget (a second's rounds gave intervals of +-20% here: the load moves within
                // seconds), and a triad in the same rounds for SparQ's share of the bandwidth. The stages' cuts
                // each start with none of their data cached, as the step does after dense decoding.
                Rounds pair = Harness.timeInRounds(List.of(dk.step(), sk.step(), triad.step()), d, budget.times(4));
                speedup = pair.ratio(0, 1);
                triadBesideSparq = triad.bytesPerSecond(pair.measurements().get(2), hw.launchLatencySeconds().value());
                sp = new KernelRunner.KernelTiming(pair.measurements().get(1), sk.stageTimes(eviction.step(), budget));
            }
            progress.set(base + 3);
            load = HostLoad.between(start, HostLoad.now());
        }

        double fma = hw.matrixPeak(Dtype.FP32);
        double bandwidth = hw.deviceMemory().bandwidthBytesPerSecond().value();
        Prediction fp = Simulator.predict(forward);
        Prediction dp = Simulator.predict(dense);
        double flopRate = fp.matrixFlops() / f.medianSeconds();
        double bytesRate = dp.deviceBytes() / dn.medianSeconds();
        SparqConfig c = sparq.sparq();
        double transferRatio = 1 / SparqTransfer.compressionRatio(decodeSeq, sparq.shape().headDim(), c.r(), c.k());

        out.printf(Locale.ROOT, "attnsim kernel-bench on %s (%s); rates from %s; the kernels below timed by %s%n",
                f.device(), KernelBuild.describe(d.getOpenCLPlatform().getName()), hw.origin(),
                f.clock().description());
        out.printf(Locale.ROOT, "calibrated: FMA peak %s (in row updates %s, in scalar loops %s, in one-accumulator dot "
                + "products %s), exp peak %s (in a loop %s), triad beyond the cache %s%n",
                Quantity.format(fma, "FLOP/s"), Quantity.format(RunRates.rowUpdates(hw), "FLOP/s"),
                Quantity.format(hw.vectorFlopsPerSecond().value() * hw.efficiency().vectorFraction().value(), "FLOP/s"),
                hw.dependentFlopsPerSecond().map(x -> Quantity.format(x.value(), "FLOP/s")).orElse("-"),
                Quantity.format(hw.exponentialsPerSecond().value(), "exp/s"),
                Quantity.format(hw.exponentialsPerSecond().value() * hw.efficiency().exponentialFraction().value(), "exp/s"),
                Quantity.format(bandwidth, "B/s"));
        TextTable t = new TextTable(List.of("kernel", "time (95% CI)", "achieved", "of", "fraction", "goal", "met"),
                new boolean[] {false, true, true, false, true, true, false});
        t.add(row(String.format(Locale.ROOT, "forward MHA S %d d %d causal", forwardSeq, headDim), f,
                Quantity.format(flopRate, "FLOP/s"), "FMA peak", flopRate / fma, FORWARD_GOAL));
        t.add(row(String.format(Locale.ROOT, "dense decode MHA S %d B %d (%s)", decodeSeq, decodeBatch,
                Quantity.format(dp.deviceBytes(), "B")), dn, Quantity.format(bytesRate, "B/s"), "triad bandwidth",
                bytesRate / bandwidth, DECODE_GOAL));
        t.add(row("  the same runs", dn, Quantity.format(bytesRate, "B/s"), "triad beside them, "
                + Quantity.format(triadBeside, "B/s"), bytesRate / triadBeside, DECODE_GOAL));
        t.add(row(String.format(Locale.ROOT, "SparQ K twice r %d k %d, same cache, beside dense", c.r(), c.k()), sp.whole(),
                String.format(Locale.ROOT, "%.2fx dense (%.2fx .. %.2fx)", speedup.median(), speedup.low(), speedup.high()),
                String.format(Locale.ROOT, "transfer ratio %.2fx", transferRatio), speedup.median() / transferRatio,
                SPARQ_GOAL));
        Prediction spp = Simulator.predict(sparq);
        // SparQ's bytes as the model counts them (the columns, the gathered rows' lines, indices and queries).
        double sparqRate = spp.deviceBytes() / sp.whole().medianSeconds();
        t.add(row(String.format(Locale.ROOT, "SparQ decode, the same step (%s)", Quantity.format(spp.deviceBytes(),
                "B")), sp.whole(), Quantity.format(sparqRate, "B/s"), "triad bandwidth", sparqRate / bandwidth,
                DECODE_GOAL));
        t.add(row("  the same runs", sp.whole(), Quantity.format(sparqRate, "B/s"), "triad beside them, "
                + Quantity.format(triadBesideSparq, "B/s"), sparqRate / triadBesideSparq, DECODE_GOAL));
        out.print(t.aligned());
        out.print("SparQ stages, what each adds to the step cut after it (95% CI; predicted on the same profile, "
                + "added to the step and alone):");
        List<Double> added = spp.addedSeconds();
        for (int i = 0; i < sp.stages().size(); i++) {
            Measurement m = sp.stages().get(i);
            out.printf(Locale.ROOT, "%s %s %s (%s; %s, %s alone)", i == 0 ? "" : ";", spp.ops().get(i).op().name(),
                    Quantity.formatSeconds(m.medianSeconds()), ValidationTable.interval(m),
                    Quantity.formatSeconds(added.get(i)), Quantity.formatSeconds(spp.ops().get(i).seconds()));
        }
        out.println();
        load.ifPresent(l -> out.println("while the kernels ran, " + l.describe()));
        load.flatMap(l -> l.warning("the benchmark")).ifPresent(w -> err.println("attnsim: warning: " + w));
        return 0;
    }

    private static List<String> row(String kernel, Measurement m, String achieved, String of, double fraction,
            double goal) {
        return List.of(kernel, Quantity.formatSeconds(m.medianSeconds()) + " (" + ValidationTable.interval(m) + ")",
                achieved, of,
                String.format(Locale.ROOT, "%.1f%%", 100 * fraction), String.format(Locale.ROOT, ">= %.0f%%", 100 * goal),
                fraction >= goal ? "yes" : "no");
    }

    private static Point point(HardwareProfile hw, Phase phase, int seq, int batch, int headDim, SparqConfig sparq) {
        Workload w = Workload.of(phase, seq, batch, true, Dtype.FP32, Algorithm.TILED, "kernel-bench");
        return new Point(sparq == null ? "MHA" : "MHA + " + sparq.label(), Variant.MHA.id(),
                Variant.MHA.shape(HEADS * headDim, HEADS, null, null, "kernel-bench"), null, Scope.ATTENTION, w, sparq, hw,
                Terms.defaults());
    }
}
