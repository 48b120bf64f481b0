package org.attnsim.kernels.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.micro.SparqStepCases;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * A profile's {@code onceScoresArithmetic}, {@code twiceScoresArithmetic} or {@code twicePassesScoresArithmetic} (K
 * stored twice, above r 16, where the kernel reads the columns in passes) from SparQ's step's cases ({@link
 * SparqStepCases}): for each number of query heads a KV head, the factor on the model's arithmetic for SparQ's
 * approximate scores (K stored as the cases store it, in the case's shape) at which the model's price comes out at the
 * case's measured time. With K stored once, as the cases time the whole fused step after other work (the overlap
 * rounds' streams), the price of the whole step after other work: the top-k and the exact stage at their own prices,
 * the stages together as SharedLaunch takes them, the launch and the stages' starts after other work included, as a
 * cross-check's points pay them (with the plain launch latency taken off instead, the factors carried the rest of
 * those starts, about 127 us on the Zen 5 VM, into every point again, session 47). With K stored twice, as the cases
 * time the scores stage alone, the price of the scores op less its launch and start against the time less the launch
 * latency (see {@link SparqStepCases} for why). The model is the simulator's own on the profile being made, its
 * bandwidth and row-update FMA rate the triad's and the row-update benchmark's beside the cases, as a cross-check's
 * profile takes them from the rounds of its points (as {@link ForwardFactors} does): in rounds the benchmark ran
 * 3-6% below its rate alone, the calibration's, so that factors solved at that rate priced SparQ's steps that much
 * slower in every cross-check (session 48).
 *
 * <p>Where the factor gives arithmetic shorter than the case's reads at the triad beside it (its rows, or with K stored
 * twice its column pieces at the page-run rate) and is above 1, the case keeps the counted arithmetic (factor 1):
 * there the stream sets the time, so a small error in the time, or a stream that runs behind the triad, makes a large
 * one in the arithmetic. On the Zen 5 VM the case of one head a row gave 1.08-1.55 in five calibrations, and with 1.55
 * the K-once steps of one head a row came out 15-20% slow; at four and eight heads the factor came out 1.15-1.21 and
 * 1.55-1.70 in five others, in both states of the memory (session 42, from the scores stage alone). A factor below 1
 * there stands: a case faster than its price at the counted arithmetic, though not faster than its reads alone (the
 * solve's floor, where the reads' price is what misses), hides its arithmetic behind its reads better than the
 * profile's exponent has it. With the memory fast the K-once cases at one and two heads solved to 0.61-0.89, and
 * SQA's K-once step, priced at 1, came out 6-10% slow in six runs of eight, its speed-up up to 10.6% low; with the
 * factors as solved, replayed on those runs' profiles, within 7.5% (session 48).
 */
final class ScoresFactors {

    private ScoresFactors() {
    }

    /**
     * The factors of the cases {@code t} on {@code profile} (which must have none of its own), launch latency
     * {@code launchSeconds}; {@code on} says where and when they were measured. Empty where there is no case.
     */
    static Optional<ScoresArithmetic> of(HardwareProfile profile, SparqStepCases.Times t, double launchSeconds,
            String on) {
        HardwareProfile beside = beside(profile, t);
        List<ScoresArithmetic.Case> cases = new ArrayList<>();
        for (SparqStepCases.Times.Timed c : t.cases()) {
            double measured = c.measurement().medianSeconds() - (t.keyTwice() ? launchSeconds : 0);
            Point step = step(beside, t.keyTwice(), t.r(), c);
            OpTiming op = scores(Simulator.predict(step));
            double solved = solve(step, op, t, c.heads(), measured);
            double reads = op.memorySeconds() + op.pageRunSeconds() + op.passLoopSeconds();
            boolean arithmeticBound = solved * op.matrixSeconds() >= reads;
            boolean hidden = solved < 1 && solved > 1 / ArithmeticFactor.MAX_FACTOR;
            double factor = arithmeticBound || hidden ? solved : 1;
            String kept = arithmeticBound ? ""
                    : hidden ? ", arithmetic shorter than the reads' time: the loop hides more of it behind its reads "
                            + "than the profile's exponent has it"
                    : String.format(Locale.ROOT, ", %.3f, gives arithmetic shorter than the reads' time: there the "
                            + "reads set the time, which says little of the arithmetic, so the counted arithmetic "
                            + "stands", solved);
            String kernel = t.keyTwice()
                    ? String.format(Locale.ROOT, "%s (the scores stage alone, K stored twice, r %d%s)",
                            t.inPasses() ? "ManyColumnSparqScoresKernel" : "SparqScoresKernel", t.r(),
                            t.inPasses() ? ", its columns read in passes" : "")
                    : String.format(Locale.ROOT, "SparQ's fused step (SparqDecodeKernel: scores, top-k and exact "
                            + "stage, K stored once, r %d, k %d)", t.r(), SparqStepCases.K);
            String timed = t.keyTwice() ? "launch latency subtracted" : "after other work";
            String priced = t.keyTwice() ? "its price" : "the model's price of the whole step after other work";
            cases.add(new ScoresArithmetic.Case(c.headDim(), c.heads(), new Figure(factor, String.format(Locale.ROOT,
                    "measured%s: %s at %d query heads a KV head over %d groups of %d streamed positions, d %d, %s, "
                            + "%s, beside %s in the same rounds; the factor on the "
                            + "model's arithmetic for its approximate scores (%s, overlapping %s of reads at that "
                            + "triad at the profile's exponent, then the statistics' pass) at which %s comes out at "
                            + "that time%s", on, kernel,
                    c.heads(), c.groups(), c.keyLength(), c.headDim(),
                    Calibration.describe(c.measurement()), timed, besideWords(t),
                    Quantity.formatSeconds(op.matrixSeconds()),
                    Quantity.formatSeconds(reads), priced, kept))));
        }
        return cases.isEmpty() ? Optional.empty() : Optional.of(new ScoresArithmetic(cases));
    }

    /**
     * {@code profile} at the triad's bandwidth, the row updates' FMA rate and, where they were timed, the page runs'
     * bandwidth beside the cases {@code t}.
     */
    static HardwareProfile beside(HardwareProfile profile, SparqStepCases.Times t) {
        HardwareProfile runs = t.pageRunBytesPerSecond().map(b -> profile.withPageRunBandwidth(new Figure(b,
                "the page runs beside SparQ's step's cases"))).orElse(profile);
        return RunRates.withRowUpdates(runs.withDeviceBandwidth(new Figure(t.triadBytesPerSecond(),
                "the triad beside SparQ's step's cases")), new Figure(t.rowUpdatesFlopsPerSecond(),
                "the row updates beside SparQ's step's cases"));
    }

    /** "a triad of 46.8 GB/s, row updates of 115 GFLOP/s and page runs of 44.1 GB/s": the rates beside {@code t}. */
    static String besideWords(SparqStepCases.Times t) {
        String triad = "a triad of " + Quantity.format(t.triadBytesPerSecond(), "B/s");
        String rows = "row updates of " + Quantity.format(t.rowUpdatesFlopsPerSecond(), "FLOP/s");
        return t.pageRunBytesPerSecond().map(b -> triad + ", " + rows + " and page runs of "
                + Quantity.format(b, "B/s")).orElse(triad + " and " + rows);
    }

    /** SparQ's decoding step of case {@code c} at r {@code r} on {@code profile}, K stored twice or once, modelled. */
    static Point step(HardwareProfile profile, boolean keyTwice, int r, SparqStepCases.Times.Timed c) {
        AttentionShape shape = AttentionShape.of(c.headDim() * c.heads(), c.heads(), c.heads(), 1, "calibration");
        Workload w = Workload.of(Phase.DECODE, c.keyLength(), c.groups(), false, Dtype.FP32, Algorithm.TILED,
                "calibration");
        return new Point("calibration", "custom", shape, null, Scope.ATTENTION, w,
                new SparqConfig(r, SparqStepCases.K, 0, keyTwice ? KeyLayout.TWICE : KeyLayout.ONCE,
                        false),
                profile, Terms.defaults());
    }

    /** The op of {@code step} the roofline scales by the profile's factors: the one that marks its heads a KV head. */
    static OpTiming scores(Prediction step) {
        return step.ops().stream().filter(o -> o.op().onceScoreHeads() > 0 || o.op().twiceScoreHeads() > 0)
                .findFirst().orElseThrow(() -> new IllegalStateException("no scores op in SparQ's decoding step"));
    }

    /**
     * The factor for which the model prices {@code step} (its profile with no factors of its own), its scores at
     * {@code heads} a row, at {@code measured} seconds ({@link ArithmeticFactor#solve}): with K stored once the whole
     * step, stored twice its scores op {@code scores} alone, less its launch and start; the factor is the one of the
     * cases {@code t} ({@link #withFactors}).
     */
    static double solve(Point step, OpTiming scores, SparqStepCases.Times t, int heads, double measured) {
        HardwareProfile profile = step.hardware();
        return ArithmeticFactor.solve(f -> {
            HardwareProfile trial = withFactors(profile, t, Optional.of(new ScoresArithmetic(List.of(
                    new ScoresArithmetic.Case(heads, new Figure(f, "trial"))))));
            return t.keyTwice() ? ArithmeticFactor.busy(scores, trial) : Simulator.predict(step.on(trial)).seconds();
        }, measured);
    }

    /**
     * {@code profile} with {@code factors} as the figure that cases like {@code t} measure: {@code
     * onceScoresArithmetic}, {@code twiceScoresArithmetic}, or {@code twicePassesScoresArithmetic} where the cases'
     * kernel reads K's columns in passes.
     */
    static HardwareProfile withFactors(HardwareProfile profile, SparqStepCases.Times t,
            Optional<ScoresArithmetic> factors) {
        return t.inPasses() ? profile.withTwicePassesScoresArithmetic(factors)
                : t.keyTwice() ? profile.withTwiceScoresArithmetic(factors)
                : profile.withOnceScoresArithmetic(factors);
    }
}
