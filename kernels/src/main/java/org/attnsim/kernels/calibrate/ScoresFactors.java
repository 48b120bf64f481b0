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
import org.attnsim.kernels.micro.ScoresAlone;
import org.attnsim.sim.Point;
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
 * A profile's {@code onceScoresArithmetic} or {@code twiceScoresArithmetic} from the scores kernel's cases ({@link
 * ScoresAlone}): for each number of query heads a KV head, the factor on the model's arithmetic for that op (SparQ's
 * approximate scores with K stored as the cases store it, in the case's shape) at which the roofline's price of the op
 * comes out at the case's measured time. The op is priced
 * by the roofline itself on the profile being made, its bandwidth the triad's beside the cases, less its launch and
 * start; the measured time less the launch latency.
 *
 * <p>Where the factor gives arithmetic shorter than the case's reads at the triad beside it (its rows, or with K stored
 * twice its column pieces at the page-run rate), the case keeps the counted
 * arithmetic (factor 1): there the stream sets the time, so a small error in the time, or a stream that does not
 * follow the triad, makes a large one in the arithmetic. On the Zen 5 VM the case of one head a row gave 1.08-1.55 in
 * five calibrations, and with 1.55 the K-once steps of one head a row came out 15-20% slow; at four and eight heads the
 * factor came out 1.15-1.21 and 1.55-1.70 in five others, in both states of the memory (session 42).
 */
final class ScoresFactors {

    private ScoresFactors() {
    }

    /**
     * The factors of the cases {@code t} on {@code profile} (which must have none of its own), launch latency
     * {@code launchSeconds}; {@code on} says where and when they were measured. Empty where there is no case.
     */
    static Optional<ScoresArithmetic> of(HardwareProfile profile, ScoresAlone.Times t, double launchSeconds,
            String on) {
        HardwareProfile beside = profile.withDeviceBandwidth(new Figure(t.triadBytesPerSecond(),
                "the triad beside the scores kernel's cases"));
        List<ScoresArithmetic.Case> cases = new ArrayList<>();
        for (ScoresAlone.Times.Timed c : t.cases()) {
            double measured = c.measurement().medianSeconds() - launchSeconds;
            OpTiming op = scores(beside, t.keyTwice(), c);
            double solved = solve(op, beside, t.keyTwice(), c.heads(), measured);
            boolean arithmeticBound = solved * op.matrixSeconds() >= op.memorySeconds() + op.pageRunSeconds();
            double factor = arithmeticBound ? solved : 1;
            String kept = arithmeticBound ? "" : String.format(Locale.ROOT, ", %.3f, gives arithmetic shorter than the "
                    + "reads' time: there the reads set the time, which says little of the arithmetic, so the counted "
                    + "arithmetic stands", solved);
            String layout = t.keyTwice() ? "twice" : "once";
            cases.add(new ScoresArithmetic.Case(c.heads(), new Figure(factor, String.format(Locale.ROOT,
                    "measured%s: SparqScoresKernel (the scores stage alone, K stored %s, r %d) at %d query heads a KV "
                            + "head over %d groups of %d streamed positions, d %d, %s, launch latency subtracted, "
                            + "beside a triad of %s in the same rounds; the factor on the model's arithmetic for the "
                            + "op (%s, overlapping %s of reads at that triad at the profile's exponent, then the "
                            + "statistics' pass) at which its price comes out at that time%s", on, layout,
                    ScoresAlone.R, c.heads(), c.groups(), c.keyLength(), c.headDim(),
                    Calibration.describe(c.measurement()), Quantity.format(t.triadBytesPerSecond(), "B/s"),
                    Quantity.formatSeconds(op.matrixSeconds()),
                    Quantity.formatSeconds(op.memorySeconds() + op.pageRunSeconds()), kept))));
        }
        return cases.isEmpty() ? Optional.empty() : Optional.of(new ScoresArithmetic(cases));
    }

    /** The model's timing of the scores op of case {@code c} on {@code profile}, K stored twice or once. */
    static OpTiming scores(HardwareProfile profile, boolean keyTwice, ScoresAlone.Times.Timed c) {
        AttentionShape shape = AttentionShape.of(c.headDim() * c.heads(), c.heads(), c.heads(), 1, "calibration");
        Workload w = Workload.of(Phase.DECODE, c.keyLength(), c.groups(), false, Dtype.FP32, Algorithm.TILED,
                "calibration");
        Point p = new Point("calibration", "custom", shape, null, Scope.ATTENTION, w,
                new SparqConfig(ScoresAlone.R, ScoresAlone.K, 0, keyTwice ? KeyLayout.TWICE : KeyLayout.ONCE, false),
                profile, Terms.defaults());
        // The op the roofline scales by the profile's factors: the one that marks its heads a KV head.
        return Simulator.predict(p).ops().stream()
                .filter(o -> o.op().onceScoreHeads() > 0 || o.op().twiceScoreHeads() > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("no scores op in SparQ's decoding step"));
    }

    /**
     * The factor for which the roofline prices {@code op} at {@code heads} a row, less its launch and start, at
     * {@code measured} seconds (see {@link ArithmeticFactor#solve}).
     */
    static double solve(OpTiming op, HardwareProfile profile, boolean keyTwice, int heads, double measured) {
        return ArithmeticFactor.solve(f -> {
            Optional<ScoresArithmetic> trial = Optional.of(new ScoresArithmetic(List.of(
                    new ScoresArithmetic.Case(heads, new Figure(f, "trial")))));
            return ArithmeticFactor.busy(op, keyTwice ? profile.withTwiceScoresArithmetic(trial)
                    : profile.withOnceScoresArithmetic(trial));
        }, measured);
    }
}
