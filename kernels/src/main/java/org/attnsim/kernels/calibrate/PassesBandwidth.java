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
 * SparqStepCases#PASSES_R}): the rate for the columns of the passes after the first at which the model prices the case
 * of one query head a KV head (its scores op less its launch and start, the counted arithmetic, on the profile at the
 * triad and row updates beside the cases) at its time less the launch latency.
 *
 * <p>At one head a row the column reads set the scores' time, so a factor on their arithmetic cannot carry what the
 * passes add: solved at r 32 it came out 3.7 and more, with arithmetic shorter than the reads, and the steps of one and
 * two heads a KV head at d 128, r 32 stayed 14-20% below their times (session 50). A scores probe at d 64 put the cost
 * in the passes after the first: eight columns of 64 groups of one head took 0.65-0.76 ms in each of them and 0.45 ms
 * in the first pass's and the statistics' loops together. Solved as a share of the page-run bandwidth, it came out
 * 0.54 of 72.7 GB/s with the memory fast and 0.80 of 45.8 GB/s with it slow (session 51): 39.5 and 36.8 GB/s, a rate
 * of the loop more than of the memory, so the profile keeps the rate (then 41.4 and 38.4 GB/s, fast and slow). It
 * carries the rest of the case's miss too: what the model misses at r 16 at one head, the r 32 case misses as well
 * (within 3% in that probe).
 */
final class PassesBandwidth {

    private PassesBandwidth() {
    }

    /**
     * The rate from the cases {@code t} on {@code profile} (with no scores factors of its own), launch latency {@code
     * launchSeconds}; {@code on} says where and when they were measured. Empty where the cases are not read in passes,
     * have no one-head case or the profile no page-run bandwidth, where the case takes no longer than its price with
     * its passes at the page-run bandwidth, and where even a rate {@value ArithmeticFactor#MAX_FACTOR} times lower does
     * not make it as long.
     */
    static Optional<Figure> of(HardwareProfile profile, SparqStepCases.Times t, double launchSeconds, String on) {
        Optional<SparqStepCases.Times.Timed> one = t.cases().stream().filter(c -> c.heads() == 1).findFirst();
        if (!t.inPasses() || one.isEmpty() || profile.pageRunBytesPerSecond().isEmpty()) {
            return Optional.empty();
        }
        SparqStepCases.Times.Timed c = one.get();
        HardwareProfile beside = ScoresFactors.beside(profile, t);
        Point step = ScoresFactors.step(beside, true, t.r(), c);
        OpTiming op = ScoresFactors.scores(Simulator.predict(step));
        double measured = c.measurement().medianSeconds() - launchSeconds;
        double runs = profile.pageRunBytesPerSecond().get().value();
        // The price rises as the rate falls below the page runs' by this factor.
        double slower = ArithmeticFactor.solve(f -> ArithmeticFactor.busy(op, beside.withTwicePassesBandwidth(
                Optional.of(new Figure(runs / Math.max(1, f), "trial")))), measured);
        if (slower <= 1 || slower >= ArithmeticFactor.MAX_FACTOR) {
            return Optional.empty();
        }
        return Optional.of(new Figure(runs / slower, String.format(Locale.ROOT, "measured%s: "
                + "ManyColumnSparqScoresKernel (the scores stage alone, K stored twice, r %d, its columns read in "
                + "passes) at one query head a KV head over %d groups of %d streamed positions, d %d, %s, launch "
                + "latency subtracted, beside a triad of %s and row updates of %s in the same rounds; the rate for the "
                + "%s of columns read in the passes after the first at which the scores op's price (the counted "
                + "arithmetic, the other columns at the page-run bandwidth, %s) comes out at that time", on, t.r(),
                c.groups(), c.keyLength(), c.headDim(), Calibration.describe(c.measurement()),
                Quantity.format(t.triadBytesPerSecond(), "B/s"), Quantity.format(t.rowUpdatesFlopsPerSecond(),
                        "FLOP/s"), Quantity.format(op.op().furtherPassBytes(), "B"), Quantity.format(runs, "B/s"))));
    }
}
