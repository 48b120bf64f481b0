package org.attnsim.kernels.measure;

import java.util.Arrays;

/**
 * The median of a sample with a distribution-free 95% confidence interval for it: the order statistics
 * of ranks n/2 -+ 0.98 sqrt(n), clamped to the sample (Conover, Practical Nonparametric Statistics, 3rd ed.,
 * section 3.2).
 */
public record MedianInterval(double median, double low, double high, int n) {

    public static MedianInterval of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = sample.clone();
        Arrays.sort(s);
        int n = s.length;
        double half = 0.98 * Math.sqrt(n);
        int lo = Math.max(0, (int) Math.floor(n / 2.0 - half));
        int hi = Math.min(n - 1, (int) Math.ceil(n / 2.0 + half));
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new MedianInterval(median, s[lo], s[hi], n);
    }

    /** Whether {@code x} lies in the interval, its ends included. */
    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
