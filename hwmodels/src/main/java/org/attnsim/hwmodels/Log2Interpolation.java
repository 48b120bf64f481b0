package org.attnsim.hwmodels;

import java.util.List;

/** Measured factors at powers of two, read between them linearly in log2 and held flat beyond the ends. */
final class Log2Interpolation {

    private Log2Interpolation() {
    }

    /**
     * The factor at {@code x}, from {@code factors} measured at {@code at} (ascending): a measured one's at its
     * point; between two, linear in log2 of x; below the first or above the last, that one's.
     */
    static double factor(List<Integer> at, List<Double> factors, double x) {
        if (x <= at.get(0)) {
            return factors.get(0);
        }
        for (int i = 1; i < at.size(); i++) {
            if (x <= at.get(i)) {
                double below = log2(at.get(i - 1));
                double share = (log2(x) - below) / (log2(at.get(i)) - below);
                return factors.get(i - 1) + share * (factors.get(i) - factors.get(i - 1));
            }
        }
        return factors.get(factors.size() - 1);
    }

    /** Throws unless {@code at} rises strictly. */
    static void checkAscending(List<Integer> at, String what) {
        for (int i = 1; i < at.size(); i++) {
            if (at.get(i) <= at.get(i - 1)) {
                throw new IllegalArgumentException("cases not by " + what + ": " + at.get(i - 1) + " then "
                        + at.get(i));
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
