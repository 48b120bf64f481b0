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
 * With M_i the seconds op i streams from device memory (every core streaming; page runs included), O_i the rest of
 * its seconds but the launch's latency (which passes before any work-group runs, and adds), O the sum of the O_i and
 * U cores, each core streams M_i / U of op i's bytes-at-full-bandwidth while each other core is elsewhere, in another
 * op's O_j, with the probability q_i = (O - O_i) / T, independently:
 * <pre>
 *   T = O + sum_i (M_i / U) / E[min(f_i, 1 / (n + 1))],   n ~ Binomial(U - 1, 1 - q_i)
 * </pre>
 * An op's own O_i does not count in its q_i: its price already holds its cores at different points of its own loop (its
 * rates were measured with every core running it), so a launch of one op is priced as the op. Counted again (as
 * until session 49), adding a stage could shorten a launch: SparQ's top-k added -56 to -6 us to the K-twice steps on
 * session 48's profiles, where its cut measured +50 to +300 us.
 * f the share of the device's bandwidth one core draws alone (at least 1 / U, at most 1): for page runs their own rate
 * on one core over the page-run bandwidth where the profile measured it (on the Zen 5 VM 0.73, where a triad on one
 * core drew 0.89 of two cores' in the same rounds: with the triad's share SparQ's K-twice steps came out 3.6-7.4% fast
 * in a validate-local run of session 58), else the triad's on one core; for rows streamed under a loop's arithmetic
 * the decoding kernel's on one core where the profile measured it (on the Zen 5 VM 0.70 of its two cores' rate, where
 * a triad on one core drew 0.86-0.97: with the triad's share SparQ's K-once steps came out 8-12% fast, session 39); an
 * op's f their mean weighted by their streaming seconds. At f = 1 / U this is the sum M + O; for U = 2 and one op that
 * streams, with O' = O - O_i of other ops, it is the quadratic T^2 - T (M + O - (2 f - 1) O') - (2 f - 1) O O' = 0.
 * Without a measured exponent (a GPU) or one-core bandwidth (a CPU), or with the term off, the ops add up too, as
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
            // Page runs at their own share of one unit, else the triad's; the rows' stream at the decoding kernel's,
            // where measured, else the triad's.
            double triadShare = unitShare(hw.unitBytesPerSecond().orElseThrow().value(), hw, terms);
            double pageRunShare = hw.unitPageRunBytesPerSecond().isPresent() && hw.pageRunBytesPerSecond().isPresent()
                    ? share(hw.unitPageRunBytesPerSecond().get().value(), hw.pageRunBytesPerSecond().get().value(), hw)
                    : triadShare;
            double streamShare = hw.decodeTile().flatMap(DecodeTile::oneUnitBandwidth)
                    .map(f -> unitShare(f.value(), hw, terms)).orElse(triadShare);
            // The launch's latency passes before any work-group runs, so no core streams through it.
            double serial = 0;
            List<Stage> stages = new ArrayList<>();
            for (OpTiming t : launch) {
                double launched = t.op().repeats() * t.launchSeconds();
                double own = t.seconds() - launched;
                // A core streams for its op's device-memory time (page runs included), whatever bounds the op.
                double streaming = Math.min(own, t.op().repeats() * (t.memorySeconds() + t.pageRunSeconds()));
                double pageRuns = Math.min(streaming, t.op().repeats() * t.pageRunSeconds());
                double share = streaming <= 0 ? triadShare
                        : (pageRuns * pageRunShare + (streaming - pageRuns) * streamShare) / streaming;
                serial += launched;
                stages.add(new Stage(streaming, own - streaming, share));
            }
            return serial + coresAtDifferentStages(stages, hw.units());
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
        return share(unitBytesPerSecond, device, hw);
    }

    /** One unit's rate over every unit's, between its fair share 1 / U and 1. */
    private static double share(double unitBytesPerSecond, double everyBytesPerSecond, HardwareProfile hw) {
        return Math.min(1, Math.max(1.0 / hw.units(), unitBytesPerSecond / everyBytesPerSecond));
    }

    /**
     * One op of a launch on a CPU: the seconds it streams from device memory (every core streaming), the rest of its
     * seconds, and the share of the device's bandwidth one core draws alone in its stream.
     */
    record Stage(double streaming, double other, double share) {
    }

    /**
     * Seconds of a launch of {@code stages} on {@code units} cores (see the class comment): the root T of
     * <pre>
     *   T = O + sum_i (M_i / U) / E[min(f_i, 1 / (n + 1))],   n ~ Binomial(U - 1, 1 - (O - O_i) / T)
     * </pre>
     * between O + sum_i M_i / (U f_i), every other core elsewhere, and O + M, the sum.
     */
    static double coresAtDifferentStages(List<Stage> stages, int units) {
        double other = stages.stream().mapToDouble(Stage::other).sum();
        double memory = stages.stream().mapToDouble(Stage::streaming).sum();
        double high = other + memory;
        if (memory <= 0 || other <= 0 || units < 2 || stages.stream()
                .allMatch(s -> s.streaming() <= 0 || s.other() >= other || s.share() <= 1.0 / units)) {
            return high;
        }
        double low = other + stages.stream().mapToDouble(s -> s.streaming() / (units * s.share())).sum();
        // Where no core draws more than its share the root is the sum itself, which rounding may leave a hair short.
        if (surplus(high, stages, other, units) >= 0) {
            return high;
        }
        // Where each core draws barely more than its share the root is the lower bound, which rounding may leave a
        // hair past (-1.8e-15 s at 2.238 s streamed, 8.153 s else, 99 units, a share of 0.01109).
        if (surplus(low, stages, other, units) <= 0) {
            return low;
        }
        return new BrentSolver(1e-12, 1e-15).solve(200, t -> surplus(t, stages, other, units), low, high);
    }

    /** The right-hand side of {@link #coresAtDifferentStages} at {@code seconds}, less the seconds. */
    private static double surplus(double seconds, List<Stage> stages, double other, int units) {
        double t = other - seconds;
        for (Stage s : stages) {
            if (s.streaming() > 0) {
                double elsewhere = Math.min(1, (other - s.other()) / seconds);
                t += s.streaming() / (units * rate(elsewhere, units, s.share()));
            }
        }
        return t;
    }

    /** The share of the bandwidth one core draws while each other core is elsewhere with the given probability. */
    private static double rate(double elsewhere, int units, double share) {
        BinomialDistribution streaming = new BinomialDistribution(null, units - 1, 1 - elsewhere);
        double rate = 0;
        for (int n = 0; n < units; n++) {
            rate += streaming.probability(n) * Math.min(share, 1.0 / (n + 1));
        }
        return rate;
    }
}
