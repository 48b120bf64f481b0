package org.attnsim.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.attnsim.sim.cost.Footprint;
import org.attnsim.sim.cost.OpCost;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.roofline.Bound;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.SharedLaunch;

/**
 * What the simulator predicts for one {@link Point}: the time of every op (each as if it ran alone), the
 * totals and the footprint. The totals take the ops of one launch together (see {@link SharedLaunch}).
 */
public record Prediction(Point point, List<OpTiming> ops, Footprint footprint) {

    public double seconds() {
        return seconds(launch -> true);
    }

    /**
     * What each op adds to {@link #seconds()}, in order: its launch up to and with it, less its launch up to the op
     * before it (the whole for an op that launches). That is what a cut of the launch after each op measures: an op
     * of a fused launch whose stage overlaps the others' adds less than its own time. They sum to the seconds.
     */
    public List<Double> addedSeconds() {
        List<Double> out = new ArrayList<>();
        for (List<OpTiming> launch : SharedLaunch.launches(ops)) {
            double before = 0;
            for (int i = 1; i <= launch.size(); i++) {
                double upTo = SharedLaunch.seconds(launch.subList(0, i), point.hardware(), point.terms());
                out.add(upTo - before);
                before = upTo;
            }
        }
        return out;
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

    /** Seconds spent in the given group of ops (a launch counts in the group of its first op). */
    public double seconds(OpGroup group) {
        return seconds(launch -> launch.get(0).op().group() == group);
    }

    private double seconds(Predicate<List<OpTiming>> counted) {
        double s = 0;
        for (List<OpTiming> launch : SharedLaunch.launches(ops)) {
            if (counted.test(launch)) {
                s += SharedLaunch.seconds(launch, point.hardware(), point.terms());
            }
        }
        return s;
    }

    /** Tokens processed per second: every token of the batch, or one new token per sequence in decode. */
    public double tokensPerSecond() {
        return point.workload().tokens() / seconds();
    }
}
