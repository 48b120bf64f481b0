package org.attnsim.kernels.calibrate;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Roofline;
import org.attnsim.sim.roofline.Terms;

/**
 * The factor on an op's counted arithmetic at which the roofline prices the op at a kernel's measured time: what a
 * profile's {@code onceScoresArithmetic}, {@code twiceScoresArithmetic} and {@code forwardArithmetic} hold.
 */
final class ArithmeticFactor {

    /** The factors searched: from a sixty-fourth of the counted arithmetic to 64 times it. */
    static final double MAX_FACTOR = 64;

    private ArithmeticFactor() {
    }

    /**
     * The factor f at which {@code busy} (the op's seconds at f, rising with f) comes out at {@code measured}:
     * between 1 / {@value #MAX_FACTOR} and {@value #MAX_FACTOR}, at the nearer end where the measured time lies beyond
     * what either gives.
     */
    static double solve(DoubleUnaryOperator busy, double measured) {
        double low = 1 / MAX_FACTOR;
        double high = MAX_FACTOR;
        if (busy.applyAsDouble(low) >= measured) {
            return low;
        }
        if (busy.applyAsDouble(high) <= measured) {
            return high;
        }
        double logF = new BrentSolver(1e-12, 1e-15).solve(200,
                x -> busy.applyAsDouble(Math.exp(x)) - measured, Math.log(low), Math.log(high));
        return Math.exp(logF);
    }

    /** The roofline's seconds for {@code op} on {@code profile}, less its launches and starts. */
    static double busy(OpTiming op, HardwareProfile profile) {
        OpTiming t = Roofline.time(op.op(), profile, Dtype.FP32, Terms.defaults());
        return t.seconds() - t.op().repeats() * (t.launchSeconds() + t.startSeconds());
    }
}
