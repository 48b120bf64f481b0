package org.attnsim.hwmodels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What SparQ's approximate scores cost a CPU in arithmetic, by the query heads that dot each row (K stored once) or
 * each column piece (K stored twice), as a factor on the model's own arithmetic for that loop: solved from attnsim's
 * scores kernel itself, timed on rows streamed from memory at each measured number of heads a row beside a triad, as
 * the factor at which the model's price of the loop comes out at the measured time. A profile keeps one for each way
 * of storing K.
 *
 * <p>Why the loop has a figure of its own: the more heads a row, the further the kernel falls behind the model's
 * arithmetic, and the time it takes then does not follow the memory's speed. On the Zen 5 VM the scores kernel with K
 * stored once over 2^20 streamed rows took 6.8, 7.2, 11.0 and 22.7 ms at 1, 2, 4 and 8 heads a row beside a 46.6
 * GB/s triad, and 5.3, 6.8, 10.7 and 21.6 beside a 74.5 GB/s one, where the model said 6.6, 7.4, 9.5 and 14.7 at the
 * first. An exponent solved per heads instead (0.64 and 0.45 at eight heads in those two states) carried the memory's
 * state of the calibration into every prediction: MQA's K-once step came out 27% slow when the points ran at 42.5
 * GB/s (session 42). With K stored twice, MQA's scores stage took 1.15 times the model's price at the median of ten
 * runs, GQA's 1.07.
 *
 * <p>By head size too (K stored once, since session 53): the loop at d 96 ran as slowly a row as at 128 on the Zen 5
 * VM, as the decoding kernel does, and a factor measured at d 64 priced SparQ's K-once steps at d 96 14-42% fast,
 * where at d 128 they came out within 5%.
 *
 * @param cases one per measured head size and number of heads a row, by head size and then by heads
 */
public record ScoresArithmetic(List<Case> cases) {

    /** The head size of the cases that name none: SparqStepCases' d. */
    public static final int HEAD_DIM = 64;

    /** One measured head size and number of query heads a row, and the factor solved there. */
    public record Case(int headDim, int heads, Figure factor) {

        public Case {
            if (headDim < 1 || heads < 1 || !(factor.value() > 0)) {
                throw new IllegalArgumentException("d " + headDim + ", " + heads + " heads a row, factor "
                        + factor.value());
            }
        }

        /** A case at d {@value ScoresArithmetic#HEAD_DIM}. */
        public Case(int heads, Figure factor) {
            this(HEAD_DIM, heads, factor);
        }
    }

    public ScoresArithmetic {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no case");
        }
        for (int i = 1; i < cases.size(); i++) {
            if (cases.get(i).headDim() < cases.get(i - 1).headDim()) {
                throw new IllegalArgumentException("cases not by head size: d " + cases.get(i - 1).headDim()
                        + " then d " + cases.get(i).headDim());
            }
        }
        for (int d : headDims(cases)) {
            Log2Interpolation.checkAscending(atHeadDim(cases, d).stream().map(Case::heads).toList(), "heads");
        }
    }

    /** The factor at {@code heads} a row, at d {@value #HEAD_DIM} (see {@link #factor(double, double)}). */
    public double factor(double heads) {
        return factor(heads, HEAD_DIM);
    }

    /**
     * The factor at {@code heads} a row and a head size of {@code headDim}: at each measured head size, a measured
     * case's at its heads; between two cases, linear in log2 of the heads (the cases double); below the first or above
     * the last, that case's. Between two measured head sizes, linear in the head size; below the first or above the
     * last, that one's.
     */
    public double factor(double heads, double headDim) {
        List<Integer> dims = headDims(cases);
        List<Double> byDim = dims.stream().map(d -> {
            List<Case> at = atHeadDim(cases, d);
            return Log2Interpolation.factor(at.stream().map(Case::heads).toList(),
                    at.stream().map(c -> c.factor().value()).toList(), heads);
        }).toList();
        if (headDim <= dims.get(0)) {
            return byDim.get(0);
        }
        for (int i = 1; i < dims.size(); i++) {
            if (headDim <= dims.get(i)) {
                double share = (headDim - dims.get(i - 1)) / (dims.get(i) - dims.get(i - 1));
                return byDim.get(i - 1) + share * (byDim.get(i) - byDim.get(i - 1));
            }
        }
        return byDim.get(byDim.size() - 1);
    }

    /** These cases and {@code other}'s, by head size and heads; no case may come twice. */
    public ScoresArithmetic plus(ScoresArithmetic other) {
        List<Case> all = new ArrayList<>(cases);
        all.addAll(other.cases());
        all.sort(Comparator.comparingInt(Case::headDim).thenComparingInt(Case::heads));
        return new ScoresArithmetic(all);
    }

    /** The measured head sizes, ascending. */
    private static List<Integer> headDims(List<Case> cases) {
        return cases.stream().map(Case::headDim).distinct().sorted().toList();
    }

    private static List<Case> atHeadDim(List<Case> cases, int headDim) {
        return cases.stream().filter(c -> c.headDim() == headDim).toList();
    }
}
