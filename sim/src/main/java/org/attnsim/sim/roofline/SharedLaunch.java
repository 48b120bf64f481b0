package org.attnsim.sim.roofline;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.HardwareProfile;

/**
 * Ops that run in one kernel launch: an op with no launch of its own runs in the launch of the op before
 * it (SparQ's fused step: scores, top-k and exact attention for each (batch, KV head) in one launch). On a
 * GPU an SM holds several work-groups at different stages at once, so one's latency- or arithmetic-bound
 * stage runs while another streams from memory: the launch's memory-bound ops and its other ops overlap as
 * an op's memory traffic and arithmetic do, t = (t_other^p + t_memory^p)^(1/p) with the measured exponent
 * (see {@link Overlap}), where each side is the sum of its ops' times. A CPU core runs one work-group at a
 * time, its stages in turn, so there a core's stages add up (on the 2-core PoCL machine, session 21: MHA, K
 * stored twice, 3.46-3.57 ms whole against 3.30-4.06 summed over its stages' cuts, not the overlap's 0.81 ms
 * for xSQA); but the cores are at different stages at once, and a core that streams while the others compute
 * draws more than its share of the bandwidth, up to what one core draws alone ({@link Term#UNIT_BANDWIDTH}).
 * With M the seconds the ops stream from device memory (every core streaming; page runs included), O the rest of
 * their seconds but the launch's latency (which passes before any work-group runs, and adds) and U cores, each
 * core streams M / U of the launch's bytes-at-full-bandwidth in the T - O seconds it does not spend otherwise,
 * while each other core is elsewhere with the probability q = O / T, independently:
 * <pre>
 *   (T - O) E[min(f, 1 / (n + 1))] = M / U,   n ~ Binomial(U - 1, 1 - q)
 * </pre>
 * f the share of the device's bandwidth one core draws alone (at least 1 / U, at most 1): for page runs the triad's
 * on one core, for rows streamed under a loop's arithmetic the decoding kernel's on one core where the profile
 * measured it (on the Zen 5 VM 0.70 of its two cores' rate, where a triad on one core drew 0.86-0.97: with the
 * triad's share SparQ's K-once steps came out 8-12% fast, session 39), the launch's f their mean weighted by their
 * streaming seconds. At f = 1 / U this is
 * the sum M + O; for U = 2 it is the quadratic T^2 - T (M + 2 O (1 - f)) - O^2 (2 f - 1) = 0. Without a
 * measured exponent (a GPU) or one-core bandwidth (a CPU), or with the term off, the ops add up too, as
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
        double total = launch.stream().mapToDouble(OpTiming::seconds).sum();
        if (launch.size() < 2) {
            return total;
        }
        if (hw.kind() == DeviceKind.CPU) {
            if (!terms.has(Term.UNIT_BANDWIDTH) || hw.unitBytesPerSecond().isEmpty()) {
                return total;
            }
            // A core streams for its ops' device-memory time (page runs included), whatever bounds each op. The
            // launch's latency passes before any work-group runs, so no core streams through it.
            double serial = launch.stream().mapToDouble(t -> t.op().repeats() * t.launchSeconds()).sum();
            double streaming = 0;
            double pageRuns = 0;
            for (OpTiming t : launch) {
                double op = Math.min(t.seconds() - t.op().repeats() * t.launchSeconds(),
                        t.op().repeats() * (t.memorySeconds() + t.pageRunSeconds()));
                streaming += op;
                pageRuns += Math.min(op, t.op().repeats() * t.pageRunSeconds());
            }
            // Page runs at the triad's share of one unit; the rows' stream at the decoding kernel's, where measured.
            double triadShare = unitShare(hw.unitBytesPerSecond().orElseThrow().value(), hw, terms);
            double streamShare = hw.decodeTile().flatMap(DecodeTile::oneUnitBandwidth)
                    .map(f -> unitShare(f.value(), hw, terms)).orElse(triadShare);
            double share = streaming <= 0 ? triadShare
                    : (pageRuns * triadShare + (streaming - pageRuns) * streamShare) / streaming;
            return serial + coresAtDifferentStages(streaming, total - serial - streaming, hw.units(), share);
        }
        double memory = launch.stream().filter(t -> t.bound() == Bound.MEMORY || t.bound() == Bound.CACHE)
                .mapToDouble(OpTiming::seconds).sum();
        return terms.has(Term.MEASURED_OVERLAP) && hw.overlapExponent().isPresent()
                ? Overlap.seconds(total - memory, memory, hw.overlapExponent().get().value())
                : total;
    }

    /**
     * The share of the device's bandwidth one unit draws alone at {@code unitBytesPerSecond}, between its fair share
     * 1 / U and all of it.
     */
    static double unitShare(double unitBytesPerSecond, HardwareProfile hw, Terms terms) {
        double device = hw.deviceMemory().bandwidthBytesPerSecond().value()
                * (terms.has(Term.ACHIEVABLE_PEAK) ? hw.efficiency().memoryFraction().value() : 1.0);
        return Math.min(1, Math.max(1.0 / hw.units(), unitBytesPerSecond / device));
    }

    /**
     * Seconds of a launch whose {@code units} cores stream {@code memory} seconds' worth of bytes (at the whole
     * device's bandwidth) and spend {@code other} seconds each on their other stages, one core alone drawing
     * {@code share} of the bandwidth (see the class comment): the root between the longer of the two and their
     * sum, where a core streams at least its share of the bytes (a share of 1 / U or more gets there by the sum).
     */
    static double coresAtDifferentStages(double memory, double other, int units, double share) {
        double low = Math.max(memory, other);
        if (memory <= 0 || other <= 0 || streamedBy(low, other, units, share) >= memory / units) {
            return low;
        }
        // At the fair share (one core alone too) the root is the sum itself, where rounding may leave the difference
        // a hair below zero and no sign change for the solver to bracket.
        double high = memory + other;
        if (streamedBy(high, other, units, share) <= memory / units) {
            return high;
        }
        return new BrentSolver(1e-12, 1e-15).solve(200, t -> streamedBy(t, other, units, share) - memory / units,
                low, high);
    }

    /** What one core streams in a launch of {@code seconds}: (T - O) E[min(f, 1 / (n + 1))]. */
    private static double streamedBy(double seconds, double other, int units, double share) {
        BinomialDistribution streaming = new BinomialDistribution(null, units - 1, 1 - other / seconds);
        double rate = 0;
        for (int n = 0; n < units; n++) {
            rate += streaming.probability(n) * Math.min(share, 1.0 / (n + 1));
        }
        return (seconds - other) * rate;
    }
}
