package org.attnsim.kernels.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.ForwardArithmetic;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.micro.ForwardAlone;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.sim.Point;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * A profile's {@code forwardArithmetic} from the forward kernel's cases ({@link ForwardAlone}): for each head
 * dimension, the factor on the model's arithmetic for the forward op at which the roofline's price of the op, in the
 * case's shape, comes out at the case's measured time less the launch latency. The op is priced by the roofline itself
 * on the profile being made, its FMA rate the row updates' beside the cases.
 */
final class ForwardFactors {

    private ForwardFactors() {
    }

    /**
     * The factors of the cases {@code t} on {@code profile} (which must have none of its own), launch latency
     * {@code launchSeconds}; {@code on} says where and when they were measured. Empty where there is no case.
     */
    static Optional<ForwardArithmetic> of(HardwareProfile profile, ForwardAlone.Times t, double launchSeconds,
            String on) {
        HardwareProfile beside = RunRates.withRowUpdates(profile, new Figure(t.rowUpdatesFlopsPerSecond(),
                "the row updates beside the forward kernel's cases"));
        List<ForwardArithmetic.Case> cases = new ArrayList<>();
        for (ForwardAlone.Times.Timed c : t.cases()) {
            double measured = c.measurement().medianSeconds() - launchSeconds;
            OpTiming op = forward(beside, c);
            double factor = ArithmeticFactor.solve(f -> ArithmeticFactor.busy(op, beside.withForwardArithmetic(
                    Optional.of(new ForwardArithmetic(List.of(new ForwardArithmetic.Case(c.headDim(),
                            new Figure(f, "trial"))))))), measured);
            cases.add(new ForwardArithmetic.Case(c.headDim(), new Figure(factor, String.format(Locale.ROOT,
                    "measured%s: FlashAttentionKernel (a query row a work item) at d %d, MHA of %d heads over S %d "
                            + "without a mask, batch 1, %s, launch latency subtracted, beside the row-update "
                            + "benchmark at %s in the same rounds; the factor on the model's arithmetic for the op "
                            + "(%s of FMAs at that rate, then the softmax's vector work and exponentials) at which "
                            + "its price comes out at that time%s", on, c.headDim(), c.heads(), c.seqLen(),
                    Calibration.describe(c.measurement()), Quantity.format(t.rowUpdatesFlopsPerSecond(), "FLOP/s"),
                    Quantity.formatSeconds(op.matrixSeconds()), t.sets() == 1 ? "" : String.format(Locale.ROOT,
                            "; the least disturbed of %d sets of rounds, the row updates beside the others below "
                            + "%.0f%% of their rate alone", t.sets(), 100 * Microbenchmarks.DISTURBED_SHARE)))));
        }
        return cases.isEmpty() ? Optional.empty() : Optional.of(new ForwardArithmetic(cases));
    }

    /** The model's timing of the forward op of case {@code c} on {@code profile}. */
    static OpTiming forward(HardwareProfile profile, ForwardAlone.Times.Timed c) {
        AttentionShape shape = AttentionShape.of(c.headDim() * c.heads(), c.heads(), c.heads(), c.heads(),
                "calibration");
        Workload w = Workload.of(Phase.FORWARD, c.seqLen(), 1, false, Dtype.FP32, Algorithm.TILED, "calibration");
        Point p = new Point("calibration", "custom", shape, null, Scope.ATTENTION, w, null, profile,
                Terms.defaults());
        return Simulator.predict(p).ops().stream().filter(o -> o.op().forwardHeadDim() > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("no forward op in the attention forward"));
    }
}
