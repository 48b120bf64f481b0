package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.ForwardArithmetic;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.ForwardAlone;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Roofline;
import org.attnsim.sim.roofline.Terms;
import org.junit.jupiter.api.Test;

class ForwardFactorsTest {

    private static final HardwareProfile CPU = HardwareCatalog.resolve("cpu-server-64c", "test", null);
    private static final double LAUNCH = 30e-6;
    private static final double ROW_UPDATES = 50e9;

    static ForwardAlone.Times.Timed timed(int headDim, double seconds) {
        return new ForwardAlone.Times.Timed(headDim, ForwardAlone.MODEL_DIM / headDim, ForwardAlone.SEQ_LEN,
                new Measurement("case", seconds, seconds, seconds, 9, "cpu", false));
    }

    /** {@code profile} with its FMAs at {@code rowUpdates} FLOP/s, as beside the cases. */
    private static HardwareProfile beside(HardwareProfile profile, double rowUpdates) {
        return RunRates.withRowUpdates(profile, new Figure(rowUpdates, "row updates"));
    }

    /** What the roofline says the forward op of the case at d takes at factor f, its FMAs at {@code rowUpdates}. */
    static double modelled(HardwareProfile profile, int headDim, double f, double rowUpdates) {
        HardwareProfile beside = beside(profile, rowUpdates);
        OpTiming op = ForwardFactors.forward(beside, timed(headDim, 1));
        OpTiming t = Roofline.time(op.op(), beside.withForwardArithmetic(Optional.of(new ForwardArithmetic(List.of(
                new ForwardArithmetic.Case(headDim, new Figure(f, "f")))))), Dtype.FP32, Terms.defaults());
        return t.seconds() - t.launchSeconds() - t.startSeconds();
    }

    @Test
    void theSolvedFactorGivesBackTheMeasuredTime() {
        for (int d : ForwardAlone.HEAD_DIMS) {
            for (double f : new double[] {0.8, 1.0, 1.3}) {
                double measured = modelled(CPU, d, f, ROW_UPDATES);
                ForwardAlone.Times t = new ForwardAlone.Times(List.of(timed(d, measured + LAUNCH)), ROW_UPDATES,
                        timed(d, 1).measurement());
                ForwardArithmetic solved = ForwardFactors.of(CPU, t, LAUNCH, " on test").orElseThrow();
                assertEquals(f, solved.factor(d), 1e-6 * f, "d " + d);
            }
        }
        // The least disturbed of three sets of rounds says so; one set says nothing of it.
        ForwardAlone.Times one = new ForwardAlone.Times(List.of(timed(64, modelled(CPU, 64, 1, ROW_UPDATES)
                + LAUNCH)), ROW_UPDATES, timed(64, 1).measurement());
        String three = ForwardFactors.of(CPU, one.ofSets(3), LAUNCH, " on test").orElseThrow().cases().get(0).factor()
                .source();
        assertTrue(three.endsWith("; the least disturbed of 3 sets of rounds, the row updates beside the others below "
                + "80% of their rate alone"), three);
        assertFalse(ForwardFactors.of(CPU, one, LAUNCH, " on test").orElseThrow().cases().get(0).factor().source()
                .contains("sets of rounds"));
    }

    @Test
    void theForwardOpIsTheCasesShapeWithItsFmasAtTheRowUpdatesRate() {
        OpTiming op = ForwardFactors.forward(beside(CPU, ROW_UPDATES), timed(64, 1));
        // MHA of 8 heads, S 1024, no mask: 8 x 1024 x 1024 scores, 4 d FLOPs each (QK^T and PV), at 50 GFLOP/s on
        // 64 tiles of 128 rows, one a core of the 64: 2.15 GFLOP in 42.9 ms, and the profile's start-up of its
        // n-half over the rate, 0.1 GFLOP in 2 ms.
        double flops = 8 * 1024 * 1024 * 4.0 * 64;
        assertEquals(flops, op.op().matrixFlops());
        assertEquals(64, op.op().forwardHeadDim());
        assertEquals(1.0, op.op().padding());
        assertEquals((flops + 0.1e9) / ROW_UPDATES, op.matrixSeconds(), 1e-9 * op.matrixSeconds());
    }

    @Test
    void aTimeBeyondTheSearchedFactorsTakesTheNearestEnd() {
        double slow = modelled(CPU, 64, ArithmeticFactor.MAX_FACTOR, ROW_UPDATES) * 2;
        ForwardAlone.Times t = new ForwardAlone.Times(List.of(timed(64, slow)), ROW_UPDATES, timed(64, 1)
                .measurement());
        ForwardArithmetic o = ForwardFactors.of(CPU, t, LAUNCH, " on test").orElseThrow();
        assertEquals(ArithmeticFactor.MAX_FACTOR, o.factor(64), 1e-9);
        assertTrue(o.cases().get(0).factor().source().startsWith("measured on test: FlashAttentionKernel"),
                o.cases().get(0).factor().source());
        assertTrue(ForwardFactors.of(CPU, new ForwardAlone.Times(List.of(), ROW_UPDATES, timed(64, 1).measurement()),
                LAUNCH, "").isEmpty());
    }
}
