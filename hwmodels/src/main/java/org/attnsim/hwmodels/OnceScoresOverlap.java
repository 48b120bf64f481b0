package org.attnsim.hwmodels;

import java.util.List;

/**
 * How far SparQ's approximate scores with K stored once hide their rows' stream behind their arithmetic on a CPU,
 * by the query heads that dot each row: the overlap exponent (see {@link HardwareProfile#overlapExponent}) of
 * attnsim's own scores kernel, solved from its time on rows streamed from memory at each measured number of heads a
 * row against the model's arithmetic for that loop and a triad in the same rounds.
 *
 * <p>Why the loop has exponents of its own: the more heads a row, the less of the stream hides, and past four heads
 * the stream runs slower than alone. On the Zen 5 VM the scores kernel over a million streamed rows took 6.5, 6.9,
 * 10.0 and 19.3 ms at 1, 2, 4 and 8 heads a row beside a 46 GB/s triad, where the profile's general exponent priced
 * it at 6.3, 7.1, 9.1 and 14.1 (session 42): MQA's K-once step came out 23-25% fast in every run.
 *
 * @param cases one per measured number of heads a row, by heads
 */
public record OnceScoresOverlap(List<Case> cases) {

    /** One measured number of query heads a row and the exponent solved there. */
    public record Case(int heads, Figure exponent) {

        public Case {
            if (heads < 1 || !(exponent.value() > 0)) {
                throw new IllegalArgumentException(heads + " heads a row, exponent " + exponent.value());
            }
        }
    }

    public OnceScoresOverlap {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no case");
        }
        for (int i = 1; i < cases.size(); i++) {
            if (cases.get(i).heads() <= cases.get(i - 1).heads()) {
                throw new IllegalArgumentException("cases not by heads: " + cases.get(i - 1).heads() + " then "
                        + cases.get(i).heads());
            }
        }
    }

    /**
     * The exponent at {@code heads} a row: a measured case's; between two cases, linear in log2 of the heads (the
     * cases double); below the first or above the last, that case's.
     */
    public double exponent(double heads) {
        Case first = cases.get(0);
        if (heads <= first.heads()) {
            return first.exponent().value();
        }
        for (int i = 1; i < cases.size(); i++) {
            Case below = cases.get(i - 1);
            Case above = cases.get(i);
            if (heads <= above.heads()) {
                double at = (log2(heads) - log2(below.heads())) / (log2(above.heads()) - log2(below.heads()));
                return below.exponent().value() + at * (above.exponent().value() - below.exponent().value());
            }
        }
        return cases.get(cases.size() - 1).exponent().value();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
