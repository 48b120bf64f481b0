package org.attnsim.sim;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.attnsim.sim.cost.Footprint;
import org.attnsim.sim.cost.OpCost;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.roofline.Bound;
import org.attnsim.sim.roofline.OpTiming;

/** What the simulator predicts for one {@link Point}: the time of every op, the totals and the footprint. */
public record Prediction(Point point, List<OpTiming> ops, Footprint footprint) {

    public double seconds() {
        double s = 0;
        for (OpTiming t : ops) {
            s += t.seconds();
        }
        return s;
    }

    /** The op that takes the most time. */
    public OpTiming dominant() {
        OpTiming best = ops.get(0);
        for (OpTiming t : ops) {
            if (t.seconds() > best.seconds()) {
                best = t;
            }
        }
        return best;
    }

    /** The bound of the op that takes the most time. */
    public Bound bound() {
        return dominant().bound();
    }

    public double matrixFlops() {
        return total(OpCost::matrixFlops);
    }

    public double vectorOps() {
        return total(OpCost::vectorOps);
    }

    public double flops() {
        return matrixFlops() + vectorOps();
    }

    public double exponentials() {
        return total(OpCost::exponentials);
    }

    public double deviceBytes() {
        return total(OpCost::deviceBytes);
    }

    public double cacheBytes() {
        return total(OpCost::cacheBytes);
    }

    /** The sum over ops of {@code work}, every repeat counted. */
    private double total(ToDoubleFunction<OpCost> work) {
        double s = 0;
        for (OpTiming t : ops) {
            s += work.applyAsDouble(t.op()) * t.op().repeats();
        }
        return s;
    }

    /** Seconds spent in the given group of ops. */
    public double seconds(OpGroup group) {
        double s = 0;
        for (OpTiming t : ops) {
            if (t.op().group() == group) {
                s += t.seconds();
            }
        }
        return s;
    }

    /** Tokens processed per second: every token of the batch, or one new token per sequence in decode. */
    public double tokensPerSecond() {
        return point.workload().tokens() / seconds();
    }
}
