package org.attnsim.kernels.calibrate;

import com.aparapi.device.OpenCLDevice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DecodeTileRows;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Efficiency;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.MemoryLevel;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.device.DeviceInfo;
import org.attnsim.kernels.device.HostCpu;
import org.attnsim.kernels.device.HostLoad;
import org.attnsim.kernels.device.HostPages;
import org.attnsim.kernels.device.KernelBuild;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.micro.CalibrationScope;
import org.attnsim.kernels.micro.DecodeTileTimes;
import org.attnsim.kernels.micro.FurtherPassDecode;
import org.attnsim.kernels.micro.HistogramKernel;
import org.attnsim.kernels.micro.LaunchAfterWork;
import org.attnsim.kernels.micro.MicroResults;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OneQueryDecode;
import org.attnsim.kernels.micro.OverlapExponent;
import org.attnsim.kernels.micro.OverlapKernel;
import org.attnsim.kernels.micro.OverlapStep;
import org.attnsim.kernels.micro.PassesStep;
import org.attnsim.kernels.micro.RowUpdateStep;
import org.attnsim.kernels.micro.SparqStepCases;
import org.attnsim.kernels.micro.UnitBandwidth;

/**
 * Turns microbenchmark results into a hardware profile. Every figure says it was measured, by which
 * kernel, on which device and when. The peaks are what straight-line Aparapi kernels reach. The fractions
 * are what the same operations reach in the per-item loops of attnsim's kernels: matrix work in row
 * updates (an inner loop over the head dimension, vectorised), exponentials over a row of scores in a
 * loop of their own, vector work as scalar recurrences (per-score bookkeeping, which no compiler
 * vectorises inside those loops); on a GPU they are about 1. The memory fraction is 1, the triad being
 * an achieved rate.
 */
public final class Calibration {

    /**
     * The microbenchmark results, the profile made from them and how busy other processes kept the host meanwhile
     * (empty where that cannot be read).
     */
    public record Calibrated(MicroResults results, HardwareProfile profile, Optional<HostLoad.Share> load) {
    }

    private Calibration() {
    }

    /**
     * Runs the microbenchmarks on {@code device} and makes its profile, stamped now; {@code step} is
     * called after each of {@link Microbenchmarks#STEPS} steps with the number done.
     */
    public static Calibrated measure(OpenCLDevice device, DeviceInfo info, Harness.Budget budget, IntConsumer step) {
        return measure(device, info, budget, CalibrationScope.everything(), step);
    }

    /** As {@link #measure(OpenCLDevice, DeviceInfo, Harness.Budget, IntConsumer)}, timing what {@code scope} asks. */
    public static Calibrated measure(OpenCLDevice device, DeviceInfo info, Harness.Budget budget,
            CalibrationScope scope, IntConsumer step) {
        int[] done = {0};
        Optional<HostLoad.Sample> before = HostLoad.now();
        MicroResults r = Microbenchmarks.run(device, budget, info.cacheBytes(), scope,
                what -> step.accept(++done[0]));
        Optional<HostLoad.Share> load = HostLoad.between(before, HostLoad.now());
        return new Calibrated(r, profile(info, r, Instant.now().truncatedTo(ChronoUnit.SECONDS), id(info), load),
                load);
    }

    /**
     * The profile of {@code d} from its results {@code r}; {@code load}, how busy other processes kept the host
     * while they were measured, goes into every figure's source where it is known.
     */
    public static HardwareProfile profile(DeviceInfo d, MicroResults r, Instant when, String id,
            Optional<HostLoad.Share> load) {
        String pages = HostPages.describe(d.platform()).map(text -> "; " + text).orElse("");
        String cpu = HostCpu.describe(d.platform()).map(text -> "; " + text).orElse("");
        String on = " on " + d.name() + " (" + d.platform() + "; " + KernelBuild.describe(d.platform()) + pages + cpu
                + ") at " + when + " by attnsim calibrate"
                + load.map(l -> " (while it ran, " + l.describe() + ")").orElse("") + ", timed by "
                + r.launch().clock().description();
        Microbenchmarks.ComputeRates c = r.compute();
        Map<Dtype, Figure> matrix = new EnumMap<>(Dtype.class);
        double peak = c.fmaPeak();
        boolean gpu = d.type().equals("gpu");
        String rowUpdates = RowUpdateStep.kernelDescription(gpu);
        String fma = "measured" + on + ": FmaKernel, 8 independent chains of 32 fp32 FMAs per work item in "
                + "straight-line code, " + describe(c.fma().measurement())
                + fasterLoop(c.rowUpdate(), c.fma(), rowUpdates, "FLOP/s");
        double expPeak = c.expPeak();
        matrix.put(Dtype.FP32, new Figure(peak, fma));
        matrix.put(Dtype.BF16, new Figure(peak, fma + "; the kernels compute in fp32, so bf16 runs at it"));
        matrix.put(Dtype.FP16, new Figure(peak, fma + "; the kernels compute in fp32, so fp16 runs at it"));
        double cacheCapacity = d.cacheBytes() > 0 ? d.cacheBytes() : 32L << 20;
        HardwareProfile measured = new HardwareProfile(id, d.name() + " (measured)",
                gpu ? DeviceKind.GPU : DeviceKind.CPU,
                "measured" + on,
                new Figure(d.computeUnits(), "OpenCL CL_DEVICE_MAX_COMPUTE_UNITS of " + d.name()),
                new Figure(d.clockMegahertz() > 0 ? d.clockMegahertz() * 1e6 : 1e9, d.clockMegahertz() > 0
                        ? "OpenCL CL_DEVICE_MAX_CLOCK_FREQUENCY (clinfo)" : "unknown: clinfo not installed; 1 GHz placeholder, unused"),
                matrix,
                new Figure(peak, fma),
                Optional.empty(),
                new Figure(expPeak, "measured" + on + ": ExpKernel, 16 independent chains of 4 exps per work "
                        + "item in straight-line code, " + describe(c.exp().measurement())
                        + fasterLoop(c.loopExp(), c.exp(), "RowExpKernel", "exp/s")),
                Optional.of(new Figure(c.dot().perSecond(), "measured" + on + ": DotProductKernel, one dot product of "
                        + "64 floats at a time per work item, one accumulator, " + describe(c.dot().measurement()))),
                Optional.of(new Figure(c.longDot().perSecond(), "measured" + on + ": DotProductKernel, one dot product "
                        + "of 128 floats at a time per work item, one accumulator, "
                        + describe(c.longDot().measurement()))),
                Optional.of(new Figure(c.scalar().perSecond(), "measured" + on + ": HistogramKernel, each work item "
                        + "counts its values into a 256-bucket histogram of its own in local memory by a multiply and "
                        + "a clamp, " + HistogramKernel.OPS_PER_VALUE + " instructions a value, "
                        + describe(c.scalar().measurement()))),
                Optional.of(new Figure(c.onlineSoftmax().perSecond(), "measured" + on + ": OnlineSoftmaxKernel, each "
                        + "work item keeps an online softmax over its row four scores at a time (an exponential a "
                        + "score and a rescale per four), counted as one exponential a score, "
                        + describe(c.onlineSoftmax().measurement()))),
                new MemoryLevel("device memory",
                        new Figure(r.memoryBytesPerSecond(), "measured" + on + ": triad, median launch-corrected bandwidth "
                                + "over the three largest working sets (192, 384 and 768 MiB)"),
                        new Figure(d.globalMemoryBytes(), "OpenCL CL_DEVICE_GLOBAL_MEM_SIZE")),
                Optional.of(new Figure(r.pageRunBytesPerSecond(), "measured" + on + ": PageRunKernel, each work item "
                        + "adds the 4 KiB pieces of 8 columns of a column-major block (columns 64 KiB long, in random "
                        + "order) into a cached row, 256 bytes of every piece in turn, as SparQ's scores read each "
                        + "half of r = 16 columns, " + describe(r.pageRuns()))),
                r.unitBandwidth().map(u -> oneUnit(u, "UnitTriadKernel, the triad over " + Quantity.format(u.bytes(),
                        "B") + " in one work-group of 16 items, each a contiguous piece", on)),
                r.unitPageRuns().map(u -> oneUnit(u, "UnitPageRunKernel, PageRunKernel's reads of 4 KiB pieces of 8 "
                        + "columns at a time over " + Quantity.format(u.bytes(), "B") + " in one work-group of 16 "
                        + "items, each a run of the benchmark's items in turn", on)),
                Optional.of(overlapExponent(r.overlap(), gpu, on)),
                new MemoryLevel("cache",
                        new Figure(r.cacheBytesPerSecond(), r.cacheBytesPerSecond() > r.memoryBytesPerSecond()
                                ? "measured" + on + ": triad, best launch-corrected bandwidth at working sets of at "
                                        + "most half the cache"
                                : "measured" + on + ": no cache-resident triad ran at least 3 launches long and "
                                        + "faster than the triad beyond the cache, whose bandwidth this is: a cache is "
                                        + "never slower than the memory behind it"),
                        new Figure(cacheCapacity, d.cacheBytes() > 0 ? "OpenCL CL_DEVICE_GLOBAL_MEM_CACHE_SIZE (clinfo)"
                                : "unknown: clinfo not installed; 32 MiB assumed")),
                new Figure(d.localMemoryBytes(), "OpenCL CL_DEVICE_LOCAL_MEM_SIZE"),
                new Figure(d.cacheLineBytes() > 0 ? d.cacheLineBytes() : 64, d.cacheLineBytes() > 0
                        ? "OpenCL CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE (clinfo)" : "assumed 64-byte cache line"),
                new Figure(r.launch().medianSeconds(), "measured" + on + ": EmptyKernel, " + describe(r.launch())),
                Optional.of(launchAfterWork(r.launchAfterWork(), r.launch().medianSeconds(), on)),
                Optional.of(opStartAfterWork(r.launchAfterWork(), on)),
                stageStartAfterWork(r.launchAfterWork(), on),
                new Figure(r.memoryLatencySeconds(), "measured" + on + ": ChaseKernel, one work item following a random "
                        + "cycle over 64 MiB, launch latency subtracted, " + describe(r.chase())),
                r.gather().map(g -> new Figure(g.linesInFlight(), "measured" + on + ": GatherKernel, one work "
                        + "item a work-group reading a float of every cache line of 128 random rows of K and of V "
                        + "of its own 4 MiB slice (S 16k, d 64), nearly every row in a page of its own, after a read "
                        + "that evicts the cache (as SparQ's exact stage after the scores), at "
                        + Quantity.format(g.bytesPerSecond(), "B/s") + ": lines a second a compute unit times the "
                        + "measured memory latency, " + describe(g.measurement()))),
                Optional.of(decodeTile(r.decodeTile(), r.overlap().oneQueryKernel(), r.unitDecode(), gpu, on)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                new Efficiency(loopFraction(c.rowUpdate(), peak, rowUpdates, "FLOP/s", on),
                        loopFraction(c.loopFma(), peak, "LoopFmaKernel, 8 independent scalar fp32 FMA chains", "FLOP/s", on),
                        loopFraction(c.loopExp(), expPeak, "RowExpKernel, a row of 64 exponentials summed", "exp/s", on),
                        new Figure(1.0, "the measured triad bandwidth is an achieved rate: no fraction of a "
                                + "datasheet peak applies"),
                        new Figure(0, "measured rates already include start-up effects of these kernel sizes"),
                        memoryHalfRate(d, r, on)));
        HardwareProfile withFactors = measured;
        Optional<SparqStepCases.Times> onePass = r.scores().stream().filter(t -> t.keyTwice() && !t.inPasses())
                .findFirst();
        for (SparqStepCases.Times t : r.scores()) {
            // The cases read in passes solve their passes' rate first, their factors at heads beyond one with it.
            Optional<Figure> passes = onePass.flatMap(o -> PassesBandwidth.of(measured, t, o, on));
            HardwareProfile solvedOn = measured.withTwicePassesBandwidth(passes);
            withFactors = passes.isEmpty() ? withFactors : withFactors.withTwicePassesBandwidth(passes);
            // K stored once, the cases at each head size add to the others' (ScoresArithmetic by head size).
            Optional<ScoresArithmetic> solved = ScoresFactors.of(solvedOn, t, r.launch().medianSeconds(), on);
            Optional<ScoresArithmetic> before = t.keyTwice() ? Optional.empty() : withFactors.onceScoresArithmetic();
            withFactors = ScoresFactors.withFactors(withFactors, t, before.isEmpty() ? solved
                    : solved.map(s -> before.get().plus(s)).or(() -> before));
        }
        withFactors = withFactors.withTwicePassesStep(r.passesStep().map(p -> passesStep(p, on)));
        if (r.forward().isPresent()) {
            withFactors = withFactors.withForwardArithmetic(ForwardFactors.of(measured, r.forward().get(),
                    r.launch().medianSeconds(), on));
        }
        return withFactors;
    }

    /**
     * What a score of SparQ's fused step read in passes takes beyond its cuts: the case's excess over its scores, a
     * unit's share (at least 0).
     */
    static Figure passesStep(PassesStep.Times t, String on) {
        return new Figure(t.secondsPerScore(), "measured" + on + String.format(Locale.ROOT, ": "
                + "ManyColumnSparqDecodeKernel's fused step (K stored twice, r %d, its columns read in passes) less "
                + "its scores cut, less the same for SparqDecodeKernel (r %d, one pass), each cut after a read that "
                + "evicts the cache, round by round over the same keys, values and queries (%d query heads a KV head, "
                + "%d groups of S %d, d %d): %s; over the %.0f approximate scores (a query head at a position), times "
                + "the %d units", SparqStepCases.PASSES_R, SparqStepCases.R, t.heads(), t.groups(), t.keyLength(),
                t.headDim(), interval(t.excess()), t.scores(), t.units()));
    }

    /** The launch latency after other work: the empty kernel's back to back and what the read added to it. */
    static Figure launchAfterWork(LaunchAfterWork w, double launchSeconds, String on) {
        return new Figure(w.launchSeconds(launchSeconds), "measured" + on + ": the EmptyKernel's launch latency and "
                + "what it took more right after a read that evicts the cache than right after a small decoding step, "
                + "in the same rounds: " + interval(w.wake()) + " (" + describe(w.emptyAfterWork())
                + " after the read, " + describe(w.emptyBackToBack()) + " back to back)");
    }

    /** What each op adds after other work: a small decoding step after the read and an empty kernel, less again. */
    static Figure opStartAfterWork(LaunchAfterWork w, String on) {
        return new Figure(w.opSeconds(), "measured" + on + ": what a small decoding step (one sequence, a KV head a "
                + "compute unit, 256 cached tokens, one op) took more right after a read that evicts the cache and an "
                + "EmptyKernel (its threads awake) than right after itself, in the same rounds: "
                + interval(w.opState()) + " (the step " + describe(w.stepAfterWork()) + " after the read, "
                + describe(w.stepBackToBack()) + " back to back)");
    }

    /**
     * What each further stage of a fused launch adds after other work: SparQ's fused step after the read and an
     * empty kernel less again, beyond the decoding step's same loss, over its stages after the first (a CPU only).
     */
    static Optional<Figure> stageStartAfterWork(LaunchAfterWork w, String on) {
        return w.stageSeconds().map(seconds -> new Figure(seconds, "measured" + on + ": what SparQ's fused step (the "
                + "decoding step's shape, r 16, k 32, K stored twice; " + LaunchAfterWork.FUSED_STAGES + " stages in "
                + "one launch) took more right after a read that evicts the cache and an EmptyKernel than right after "
                + "itself, less the same for the decoding step, over its stages after the first, round by round: "
                + interval(w.stageState().orElseThrow()) + " (the step " + describe(w.fusedAfterWork().orElseThrow())
                + " after the read, " + describe(w.fusedBackToBack().orElseThrow()) + " back to back)"));
    }

    private static String interval(MedianInterval m) {
        return Quantity.formatSeconds(m.median()) + " (median over " + m.n() + " rounds, 95% CI "
                + Quantity.formatSeconds(m.low()) + " .. " + Quantity.formatSeconds(m.high()) + ")";
    }

    /**
     * A decoding step's tile cost, each case's tile time in the source of both figures; where the decoding kernel
     * was timed at one query a row, the exponent of its one-head passes; and on a CPU what it drew on one unit
     * alone and what its further passes cost at four queries a row over the line's price for them; and the same
     * figures at each other rows' length timed.
     */
    static DecodeTile decodeTile(DecodeTileTimes t, Optional<OverlapExponent.Case> oneQueryKernel,
            Optional<MicroResults.UnitDecode> unitDecode, boolean gpu, String on) {
        Optional<FurtherPassDecode.Times> furtherPass = t.furtherPass();
        String tiles = String.format(Locale.ROOT, "%.0f", t.tilesPerUnit());
        String kernel = gpu
                ? "DecodeTileKernel (a GPU decoding step's tile loop: 64 rows of K and of V loaded into local memory, "
                        + "scored for every query head, the tile's maxima and probabilities, the rows added into the "
                        + "outputs) on 256 KiB of cache-resident tiles, " + tiles + " tiles a compute unit in "
                        + "work-groups of 256 items"
                : "OverlapKernel (a CPU decoding step's loop, as its decoding kernels': rows of keys dotted with "
                        + "every query four at a time, an online softmax, the value rows added into the queries' "
                        + "accumulators) on 256 KiB of cache-resident rows, " + tiles + " tiles of " + DecodeTile.ROWS
                        + " rows a compute unit";
        String source = "measured" + on + ": " + kernel + ", launch latency subtracted; a tile's time ("
                + tileCases(t) + ") on a least-squares line over the heads, ";
        DecodeTile line = new DecodeTile(new Figure(t.oneHeadSeconds(), source + "at one head"),
                new Figure(t.furtherHeadSeconds(), source + "its slope"));
        Optional<String> kernels = furtherPass.map(f -> String.format(Locale.ROOT, "measured%s: the decoding kernel "
                + "itself over the overlap benchmark's streamed keys and values, caches of %d rows of one KV head, "
                + "d 64, %.0f tiles a compute unit, at %d queries a row (DecodeAttentionKernel), at %d and at %d "
                + "(its passes of two after the first over rows left in L2), timed in the same "
                + "rounds, launch latency subtracted: %s, %s and %s; ", on, f.keyLength(), f.tilesPerUnit(),
                DecodeTile.CPU_HEADS_A_PASS, DecodeTile.FURTHER_PASS_QUERIES, DecodeTile.LATER_PASS_QUERIES,
                describe(f.two()), describe(f.four()), describe(f.eight())));
        Optional<Figure> furtherPassFactor = furtherPass.flatMap(f -> furtherPassFactor(f, line, kernels.get()));
        Optional<Figure> pairedStart = furtherPass.flatMap(f -> pairedStart(f, line, kernels.get()));
        return new DecodeTile(line.oneHead(), line.furtherHead(),
                oneQueryKernel.map(c -> new Figure(c.exponent(), String.format(Locale.ROOT, "measured%s: the decoding "
                        + "kernel itself (%s) at one query a row, %d sequences a compute unit of one head, d 64, over "
                        + "the overlap benchmark's streamed keys and values: %.3g s streamed, against %.3g s of that "
                        + "benchmark's one-query case on resident rows (for the kernel's tiles) and %.3g s of triad, "
                        + "all timed in the same rounds, launch latency subtracted; p solving (t_resident^p + "
                        + "t_memory^p)^(1/p) = t_streamed, or t_resident + t_memory / p = t_streamed where that is "
                        + "longer than the sum; %s stands for full overlap", on,
                        gpu ? "TiledDecodeAttentionKernel" : "DecodeAttentionKernel", OneQueryDecode.SEQUENCES_PER_UNIT,
                        c.streamedSeconds(), c.residentSeconds(), c.memorySeconds(), OverlapExponent.MAX_EXPONENT))),
                unitDecode.map(u -> new Figure(u.bytesPerSecond(), String.format(Locale.ROOT, "measured%s: the "
                        + "decoding kernel itself (DecodeAttentionKernel) at one query a row over %s of the overlap "
                        + "benchmark's streamed rows as one sequence of one head, one work-group, which one compute "
                        + "unit runs while the others are idle, launch latency subtracted, %s; in the same rounds the "
                        + "same kernel over the same rows on every unit drew %s: one unit alone draws %.2f of it", on,
                        Quantity.format(u.bytes(), "B"), describe(u.measurement()),
                        Quantity.format(u.everyBytesPerSecond(), "B/s"),
                        u.bytesPerSecond() / u.everyBytesPerSecond()))),
                furtherPassFactor, pairedStart, t.otherRows().stream().map(w -> otherRows(w, on)).toList(),
                quantisedIn(t, QuantisedCache.INT8, line, on), quantisedIn(t, QuantisedCache.FP8, line, on));
    }

    /** Each case's heads and tile time, for a tile line's source. */
    private static String tileCases(DecodeTileTimes t) {
        StringBuilder cases = new StringBuilder();
        for (DecodeTileTimes.Resident c : t.cases()) {
            cases.append(String.format(Locale.ROOT, "%s%d heads %.3g s", cases.length() == 0 ? "" : ", ", c.heads(),
                    t.tileSeconds(c)));
        }
        return cases.toString();
    }

    /** What the decoding kernel's passes after the second cost over {@code line}'s price, said in {@code kernels}. */
    private static Optional<Figure> furtherPassFactor(FurtherPassDecode.Times f, DecodeTile line, String kernels) {
        return f.factor(line).map(x -> new Figure(x, kernels + String.format(Locale.ROOT, "the kernel at %d queries "
                + "less at %d, %.3g s a tile a compute unit, against the tile line's %.3g s for those %d further "
                + "passes",
                DecodeTile.LATER_PASS_QUERIES, DecodeTile.FURTHER_PASS_QUERIES, f.laterPassesTileSeconds(),
                f.laterPassesTileSeconds() / x, (DecodeTile.LATER_PASS_QUERIES - DecodeTile.FURTHER_PASS_QUERIES)
                        / DecodeTile.CPU_HEADS_A_PASS)));
    }

    /**
     * {@link #quantised(QuantisedCache, DecodeTileTimes, DecodeTile, String)} where {@code t} has the type's times, and
     * at each other rows' length where both the fp32 loop and the type's were timed, against the fp32 line there.
     */
    private static Optional<DecodeTileQuantised> quantisedIn(DecodeTileTimes t, QuantisedCache type, DecodeTile line,
            String on) {
        return Optional.ofNullable(t.quantised().get(type)).map(times -> {
            List<DecodeTileQuantised.Rows> rows = new ArrayList<>();
            for (DecodeTileTimes q : times.otherRows()) {
                t.otherRows().stream().filter(w -> w.rowFloats() == q.rowFloats()).findFirst().ifPresent(w ->
                        rows.add(new DecodeTileQuantised.Rows(q.rowFloats(), quantised(type, q, new DecodeTile(
                                new Figure(w.oneHeadSeconds(), "the fp32 loop at one head"),
                                new Figure(w.furtherHeadSeconds(), "its slope")), on))));
            }
            return quantised(type, times, line, on).withOtherRows(rows);
        });
    }

    /**
     * The loop's figures over rows of {@code type} against {@code line}, its own over fp32 rows: the factors of its
     * line over the heads; and where timed, the quantised kernel's exponents in passes of two heads and of one, and
     * its further-pass factor and start against the quantised line.
     */
    static DecodeTileQuantised quantised(QuantisedCache type, DecodeTileTimes times, DecodeTile line, String on) {
        String id = type.id();
        String loopKernel = type == QuantisedCache.INT8 ? "Int8OverlapKernel" : "Fp8OverlapKernel";
        String decoding = type == QuantisedCache.INT8 ? "Int8DecodeAttentionKernel" : "Fp8DecodeAttentionKernel";
        String conversion = type == QuantisedCache.INT8 ? "converted as it is read"
                : "built from its E4M3 bits as it is read";
        int d = times.rowFloats();
        String loop = "measured" + on + ": " + loopKernel + " (the same loop over " + id + " rows of " + d
                + " elements, one scale a tensor, each element " + conversion + ") on about 256 KiB of cache-resident "
                + "rows (4 times as many rows as the fp32 loop's), each "
                + "case its fp32 case's time times the median of their ratios round by round, in the same rounds, "
                + "launch latency subtracted; a tile's time (" + tileCases(times) + ") on a least-squares line over "
                + "the heads, ";
        DecodeTile quantisedLine = new DecodeTile(new Figure(times.oneHeadSeconds(), loop + "at one head"),
                new Figure(times.furtherHeadSeconds(), loop + "its slope"));
        Optional<String> kernels = times.furtherPass().map(f -> String.format(Locale.ROOT, "measured%s: the %s "
                + "decoding kernel itself (%s) over the overlap benchmark's streamed keys and values quantised, "
                + "caches of %d rows of one KV head, d %d, %.0f tiles a compute unit, at %d, %d and %d queries a row, "
                + "timed in the same rounds, launch latency subtracted: %s, %s and %s; against the %s loop's line, ",
                on, id, decoding, f.keyLength(), d, f.tilesPerUnit(), DecodeTile.CPU_HEADS_A_PASS,
                DecodeTile.FURTHER_PASS_QUERIES, DecodeTile.LATER_PASS_QUERIES, describe(f.two()), describe(f.four()),
                describe(f.eight()), id));
        return new DecodeTileQuantised(
                new Figure(times.oneHeadSeconds() / line.oneHead().value(), loop + String.format(Locale.ROOT, "at one "
                        + "head (%.3g s) over the fp32 line's (%.3g s)", times.oneHeadSeconds(),
                        line.oneHead().value())),
                new Figure(line.furtherHead().value() > 0 ? times.furtherHeadSeconds() / line.furtherHead().value()
                        : 1, loop + String.format(Locale.ROOT, "its slope (%.3g s) over the fp32 line's (%.3g s; 1 "
                        + "where that is none)", times.furtherHeadSeconds(), line.furtherHead().value())),
                times.overlap().map(c -> new Figure(c.exponent(), String.format(Locale.ROOT, "measured%s: the %s "
                        + "decoding kernel itself (%s) at %d queries a row over the overlap benchmark's streamed rows "
                        + "quantised (%.3g s), against the %s loop's case on resident rows (%.3g s, for the kernel's "
                        + "tiles) and a triad (%.3g s, for its bytes), in the same rounds, launch latency subtracted; "
                        + "p solving (t_resident^p + t_memory^p)^(1/p) = t_streamed, or t_resident + t_memory / p = "
                        + "t_streamed where that is longer than the sum; %s stands for full overlap", on, id, decoding,
                        c.heads(), c.streamedSeconds(), id, c.residentSeconds(), c.memorySeconds(),
                        OverlapExponent.MAX_EXPONENT))),
                times.oneQueryKernel().map(c -> new Figure(c.exponent(), String.format(Locale.ROOT, "measured%s: the "
                        + "decoding kernel over an %s cache (%s) at one query a row, %d sequences a compute unit of "
                        + "one head, d %d, over the overlap benchmark's streamed keys and values quantised: %.3g s "
                        + "streamed, against %.3g s of the %s loop's one-query case on resident rows (for the kernel's "
                        + "tiles) and %.3g s of triad (for its quarter of the bytes), all timed in the same rounds, "
                        + "launch latency subtracted; p solving (t_resident^p + t_memory^p)^(1/p) = t_streamed, or "
                        + "t_resident + t_memory / p = t_streamed where that is longer than the sum; %s stands for "
                        + "full overlap", on, id, decoding, OneQueryDecode.SEQUENCES_PER_UNIT, d, c.streamedSeconds(),
                        c.residentSeconds(), id, c.memorySeconds(), OverlapExponent.MAX_EXPONENT))),
                times.furtherPass().flatMap(f -> furtherPassFactor(f, quantisedLine, kernels.get())),
                times.furtherPass().flatMap(f -> pairedStart(f, quantisedLine, kernels.get())));
    }

    /** What the decoding kernel adds a tile beyond its passes against {@code line}, {@code kernels} its source. */
    private static Optional<Figure> pairedStart(FurtherPassDecode.Times f, DecodeTile line, String kernels) {
        return f.pairedStart(line).map(x -> new Figure(x, kernels + String.format(Locale.ROOT, "the kernel at %d "
                + "queries less at %d, less its one further pass at the measured factor's cost, a tile a compute unit "
                + "(below nothing where that pass cost less than the later ones, at least minus its cost)",
                DecodeTile.FURTHER_PASS_QUERIES, DecodeTile.CPU_HEADS_A_PASS)));
    }

    /**
     * The figures at another rows' length: the loop's line, the decoding kernel's further passes against it, and the
     * kernel's one-head and two-head exponents, each where timed.
     */
    private static DecodeTileRows otherRows(DecodeTileTimes w, String on) {
        int length = w.rowFloats();
        String loop = "measured" + on + ": the same loop with rows of " + length + " floats on about the same 256 KiB "
                + "of resident rows, " + String.format(Locale.ROOT, "%.0f", w.tilesPerUnit()) + " tiles of "
                + DecodeTile.ROWS + " rows a compute unit, in the same rounds, launch latency subtracted; a tile's "
                + "time (" + tileCases(w) + ") on a least-squares line over the heads, ";
        Figure one = new Figure(w.oneHeadSeconds(), loop + "at one head");
        Figure further = new Figure(w.furtherHeadSeconds(), loop + "its slope");
        DecodeTile line = new DecodeTile(one, further);
        Optional<String> kernels = w.furtherPass().map(f -> String.format(Locale.ROOT, "measured%s: the "
                + "decoding kernel itself with rows of %d floats over the same streamed keys and values, caches of "
                + "%d rows of one KV head, %.0f tiles a compute unit, at %d, %d and %d queries a row, in the same "
                + "rounds, launch latency subtracted: %s, %s and %s; ", on, length, f.keyLength(), f.tilesPerUnit(),
                DecodeTile.CPU_HEADS_A_PASS, DecodeTile.FURTHER_PASS_QUERIES, DecodeTile.LATER_PASS_QUERIES,
                describe(f.two()), describe(f.four()), describe(f.eight())));
        Optional<Figure> twoHeads = w.overlap().map(c -> new Figure(c.exponent(), String.format(Locale.ROOT,
                "measured%s: the decoding kernel itself (DecodeAttentionKernel) at %d queries a row with rows of %d "
                + "floats over the same streamed rows (%.3g s), against the loop's case on resident rows of that "
                + "length (%.3g s, for the kernel's tiles) and a triad (%.3g s), in the same rounds, launch latency "
                + "subtracted; p solving (t_resident^p + t_memory^p)^(1/p) = t_streamed, or t_resident + t_memory / p "
                + "= t_streamed where that is longer than the sum; %s stands for full overlap", on, c.heads(), length,
                c.streamedSeconds(), c.residentSeconds(), c.memorySeconds(), OverlapExponent.MAX_EXPONENT)));
        Optional<Figure> oneHead = w.oneQueryKernel().map(c -> new Figure(c.exponent(), String.format(Locale.ROOT,
                "measured%s: the decoding kernel itself (DecodeAttentionKernel) at one query a row with rows of %d "
                + "floats over the same streamed rows: %.3g s streamed, against %.3g s of the loop's one-query case on "
                + "resident rows of that length and %.3g s of triad, in the same rounds, launch latency subtracted; p "
                + "solving (t_resident^p + t_memory^p)^(1/p) = t_streamed; %s stands for full overlap", on, length,
                c.streamedSeconds(), c.residentSeconds(), c.memorySeconds(), OverlapExponent.MAX_EXPONENT)));
        return new DecodeTileRows(length, one, further, twoHeads, oneHead,
                w.furtherPass().flatMap(f -> furtherPassFactor(f, line, kernels.get())),
                w.furtherPass().flatMap(f -> pairedStart(f, line, kernels.get())));
    }

    /** The overlap exponent, with each case's times and exponent in its source. */
    static Figure overlapExponent(OverlapExponent o, boolean gpu, String on) {
        StringBuilder cases = new StringBuilder();
        for (OverlapExponent.Case c : o.cases()) {
            cases.append(String.format(Locale.ROOT, "%s%d queries: %.3g s streamed, %.3g s resident, %.3g s "
                    + "of triad, p %.2f", cases.length() == 0 ? "" : "; ", c.heads(), c.streamedSeconds(),
                    c.residentSeconds(), c.memorySeconds(), c.exponent()));
        }
        String kernel = gpu
                ? "DecodeTileKernel (a GPU decoding step's tile loop: tiles of 64 rows of keys and of values loaded "
                        + "into local memory, scored for every query, an online softmax, the rows added into the "
                        + "queries' outputs; 8 work-groups a compute unit, 16 tiles each)"
                : "OverlapKernel (a decoding step's loop: rows of 64 floats of keys dotted with every query, an online "
                        + "softmax over the scores, rows of values added into the queries' accumulators)";
        return new Figure(o.exponent(), "measured" + on + ": " + kernel + ", p solving "
                + "(t_resident^p + t_memory^p)^(1/p) = t_streamed, or t_resident + t_memory / p = t_streamed where "
                + "that is longer than the sum, with t_memory the keys' and values' bytes at a "
                + "triad's bandwidth, all timed in the same rounds, "
                + "launch latency subtracted; the " + OverlapStep.HEADS + "-query case's, as validate times it "
                + "beside its points, of " + o.cases().size() + " cases (" + cases + "); "
                + OverlapExponent.MAX_EXPONENT + " stands for full overlap");
    }

    /** Where a loop outran the straight-line kernel, the peak is the loop's rate, and the source says so. */
    static String fasterLoop(Microbenchmarks.Rate loop, Microbenchmarks.Rate straight, String kernel, String unit) {
        return loop.perSecond() > straight.perSecond() ? "; " + kernel + " ran faster, "
                + Quantity.format(loop.perSecond(), unit) + ", and sets the peak" : "";
    }

    /**
     * attnsim's kernels do their arithmetic in per-item loops, which a CPU OpenCL compiler does not
     * vectorise across work items: the fraction of the straight-line peak that the same operations reach
     * in such a loop is what those kernels can expect.
     */
    static Figure loopFraction(Microbenchmarks.Rate loop, double peak, String kernel, String unit, String on) {
        return new Figure(Math.min(1, loop.perSecond() / peak), "measured" + on + ": " + kernel + " in a per-item "
                + "loop, " + Quantity.format(loop.perSecond(), unit) + ", "
                + describe(loop.measurement()) + ", over the straight-line peak");
    }

    /**
     * A GPU's streams ramp up over megabytes, which the triad's time-on-bytes fit resolves. A CPU's
     * start-up is waking its thread pool, already the measured launch latency; what the fit adds to it
     * on a shared machine is contention (consecutive calibrations here fitted 0 to 62 MB), so none is
     * claimed.
     */
    static Figure memoryHalfRate(DeviceInfo d, MicroResults r, String on) {
        if (!d.type().equals("gpu")) {
            return new Figure(0, "not measured on a CPU: its start-up is the measured launch latency; the triad "
                    + "fit's intercept beyond it moved with contention (0 to 62 MB in consecutive calibrations)");
        }
        return new Figure(r.memoryHalfRateBytes(), "measured" + on + ": triad, OLS fit of time on bytes (intercept "
                + "minus launch latency, over the slope) when R^2 >= 0.99 and that start-up is 2 standard errors above "
                + "zero, else 0");
    }

    /** The id of a device's measured profile: "measured-" and its name in lower-case words. */
    public static String id(DeviceInfo d) {
        return "measured-" + d.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** One unit's rate alone, {@code what} the loop, with every unit's in the same rounds and the share. */
    static Figure oneUnit(UnitBandwidth u, String what, String on) {
        return new Figure(u.oneBytesPerSecond(), "measured" + on + ": " + what + ", which one compute unit runs alone, "
                + "launch latency subtracted, " + describe(u.one()) + "; the same kernel in one work-group a compute "
                + "unit, timed in the same rounds, drew " + Quantity.format(u.everyBytesPerSecond(), "B/s")
                + String.format(Locale.ROOT, ": one unit alone draws %.2f of it", u.share()));
    }

    static String describe(Measurement m) {
        return String.format(Locale.ROOT, "median of %d runs %.3g s (95%% CI %.3g .. %.3g s)", m.repeats(),
                m.medianSeconds(), m.lowSeconds(), m.highSeconds());
    }
}
