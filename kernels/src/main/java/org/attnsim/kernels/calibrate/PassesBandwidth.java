package org.attnsim.kernels.calibrate;

import java.util.Locale;
import java.util.Optional;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.micro.SparqStepCases;
import org.attnsim.sim.Point;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.roofline.OpTiming;

/**
 * A profile's {@code twicePassesBandwidth} from SparQ's K-twice cases read in passes ({@link SparqStepCases} at {@link
 * SparqStepCases#PASSES_R}) and those read in one pass (at {@link SparqStepCases#R}), in the same rounds: the rate for
 * the columns of the passes after the first at which the model prices what the one-head case at r 32 takes beyond the
 * one-head case at r 16 (their scores ops less their launches and starts, the counted arithmetic, on the profile at the
 * triad and row updates beside the cases) at what it measured beyond it. Those passes are what the two kernels'
 * loops differ by: the first pass and the statistics' pass read eight columns each in both.
 *
 * <p>At one head a row the column reads set the scores' time, so a factor on their arithmetic cannot carry what the
 * passes add: solved at r 32 it came out 3.7 and more, with arithmetic shorter than the reads, and the steps of one and
 * two heads a KV head at d 128, r 32 stayed 14-20% below their times (session 50). A scores probe at d 64 put the cost
 * in the passes after the first: eight columns of 64 groups of one head took 0.65-0.76 ms in each of them and 0.45 ms
 * in the first pass's and the statistics' loops together. Solved as a share of the page-run bandwidth, it came out
 * 0.54 of 72.7 GB/s with the memory fast and 0.80 of 45.8 GB/s with it slow (session 51): 39.5 and 36.8 GB/s, a rate
 * of the loop more than of the memory, so the profile keeps the rate. Solved from the r 32 case alone, the rate also
 * took up what the model missed of the r 16 case, whose factor stays 1 at one head: in two calibrations of six with
 * the memory slow both cases ran 7-9% faster than in the others, the rate came out 42.8 and 44.2 GB/s against
 * 37.7-38.4, and the K-twice steps of validate-heads128, whose own times had not moved, 11-13% below them (session 51).
 * From the difference it came out 39.0 and 39.5 GB/s calibrated with the memory slow and 44.7 and 48.6 with it fast:
 * the passes do follow the memory's state in the cases, more than the steps at d 128 do.
 */
final class PassesBandwidth {

    private PassesBandwidth() {
    }

    /**
     * The rate from the cases {@code passes} and {@code onePass} on {@code profile} (with no scores factors of its
     * own); {@code on} says where and when they were measured. Empty where {@code passes} are not read in passes, {@code
     * onePass} are, either has no one-head case, the two cases differ in shape, or the profile has no page-run
     * bandwidth; where the difference is no longer than its price with the passes at the page-run bandwidth, and
     * where even a rate {@value ArithmeticFactor#MAX_FACTOR} times lower does not make it as long.
     */
    static Optional<Figure> of(HardwareProfile profile, SparqStepCases.Times passes, SparqStepCases.Times onePass,
            String on) {
        Optional<SparqStepCases.Times.Timed> one = oneHead(passes);
        Optional<SparqStepCases.Times.Timed> base = oneHead(onePass);
        if (!passes.inPasses() || !onePass.keyTwice() || onePass.inPasses() || one.isEmpty() || base.isEmpty()
                || !sameShape(one.get(), base.get()) || profile.pageRunBytesPerSecond().isEmpty()) {
            return Optional.empty();
        }
        SparqStepCases.Times.Timed c = one.get();
        HardwareProfile beside = ScoresFactors.beside(profile, passes);
        OpTiming op = ScoresFactors.scores(Simulator.predict(ScoresFactors.step(beside, true, passes.r(), c)));
        HardwareProfile baseBeside = ScoresFactors.beside(profile, onePass);
        OpTiming baseOp = ScoresFactors.scores(Simulator.predict(ScoresFactors.step(baseBeside, true, onePass.r(),
                base.get())));
        double beyond = c.measurement().medianSeconds() - base.get().measurement().medianSeconds();
        double target = ArithmeticFactor.busy(baseOp, baseBeside) + beyond;
        double runs = beside.pageRunBytesPerSecond().orElseThrow().value();
        // The price rises as the rate falls below the page runs' by this factor.
        double slower = ArithmeticFactor.solve(f -> ArithmeticFactor.busy(op, beside.withTwicePassesBandwidth(
                Optional.of(new Figure(runs / Math.max(1, f), "trial")))), target);
        if (slower <= 1 || slower >= ArithmeticFactor.MAX_FACTOR) {
            return Optional.empty();
        }
        return Optional.of(new Figure(runs / slower, String.format(Locale.ROOT, "measured%s: "
                + "ManyColumnSparqScoresKernel (the scores stage alone, K stored twice, r %d, its columns read in "
                + "passes) at one query head a KV head over %d groups of %d streamed positions, d %d, %s, and "
                + "SparqScoresKernel (r %d, one pass) on the same shape in the same rounds, %s, %s beyond it, beside "
                + "%s; the rate for the %s of columns read in the passes after the "
                + "first at which the model prices the r %d scores op that much beyond the r %d one (the counted "
                + "arithmetic, the other columns at the page-run bandwidth, %s)", on, passes.r(), c.groups(),
                c.keyLength(), c.headDim(), Calibration.describe(c.measurement()), onePass.r(),
                Calibration.describe(base.get().measurement()), Quantity.formatSeconds(beyond),
                ScoresFactors.besideWords(passes), Quantity.format(op.op().furtherPassBytes(), "B"), passes.r(),
                onePass.r(),
                Quantity.format(runs, "B/s"))));
    }

    private static Optional<SparqStepCases.Times.Timed> oneHead(SparqStepCases.Times t) {
        return t.cases().stream().filter(c -> c.heads() == 1).findFirst();
    }

    private static boolean sameShape(SparqStepCases.Times.Timed a, SparqStepCases.Times.Timed b) {
        return a.groups() == b.groups() && a.keyLength() == b.keyLength() && a.headDim() == b.headDim();
    }
}
