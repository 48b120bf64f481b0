package org.attnsim.hwmodels;

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
 * @param cases one per measured number of heads a row, by heads
 */
public record ScoresArithmetic(List<Case> cases) {

    /** One measured number of query heads a row and the factor solved there. */
    public record Case(int heads, Figure factor) {

        public Case {
            if (heads < 1 || !(factor.value() > 0)) {
                throw new IllegalArgumentException(heads + " heads a row, factor " + factor.value());
            }
        }
    }

    public ScoresArithmetic {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no case");
        }
        Log2Interpolation.checkAscending(cases.stream().map(Case::heads).toList(), "heads");
    }

    /**
     * The factor at {@code heads} a row: a measured case's; between two cases, linear in log2 of the heads (the
     * cases double); below the first or above the last, that case's.
     */
    public double factor(double heads) {
        return Log2Interpolation.factor(cases.stream().map(Case::heads).toList(),
                cases.stream().map(c -> c.factor().value()).toList(), heads);
    }
}
