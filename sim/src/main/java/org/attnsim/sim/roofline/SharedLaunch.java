package org.attnsim.sim.roofline;

import java.util.ArrayList;
import java.util.List;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.HardwareProfile;

/**
 * Ops that run in one kernel launch: an op with no launch of its own runs in the launch of the op before
 * it (SparQ's fused step: scores, top-k and exact attention for each (batch, KV head) in one launch). On a
 * GPU an SM holds several work-groups at different stages at once, so one's latency- or arithmetic-bound
 * stage runs while another streams from memory: the launch's memory-bound ops and its other ops overlap as
 * an op's memory traffic and arithmetic do, t = (t_other^p + t_memory^p)^(1/p) with the measured exponent
 * (see {@link Overlap}), where each side is the sum of its ops' times. A CPU core runs one work-group at a
 * time, its stages in turn, so there the ops add up: on the 2-core PoCL machine the whole SparQ step took
 * the sum of what its stages add, each timed as a cut of the step (MHA, K stored twice: 3.46-3.57 ms whole,
 * 3.30-4.06 summed; xSQA: 1.03-1.11 against 1.00-1.16; session 21), not the 0.81 ms of xSQA that the overlap
 * gives. Without a measured exponent (or with {@link Term#MEASURED_OVERLAP} off) the ops add up too, as
 * separate launches do.
 */
public final class SharedLaunch {

    private SharedLaunch() {
    }

    /** The ops grouped by launch, in order: each group one op that launches and the launch-less ops after it. */
    public static List<List<OpTiming>> launches(List<OpTiming> ops) {
        List<List<OpTiming>> out = new ArrayList<>();
        for (OpTiming t : ops) {
            if (out.isEmpty() || t.op().launches() > 0) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(t);
        }
        return out;
    }

    /** Seconds of one launch's ops (see the class comment). */
    public static double seconds(List<OpTiming> launch, HardwareProfile hw, Terms terms) {
        double memory = 0;
        double other = 0;
        for (OpTiming t : launch) {
            if (t.bound() == Bound.MEMORY || t.bound() == Bound.CACHE) {
                memory += t.seconds();
            } else {
                other += t.seconds();
            }
        }
        if (launch.size() < 2 || hw.kind() == DeviceKind.CPU || !terms.has(Term.MEASURED_OVERLAP)
                || hw.overlapExponent().isEmpty()) {
            return memory + other;
        }
        return Overlap.seconds(other, memory, hw.overlapExponent().get().value());
    }
}
