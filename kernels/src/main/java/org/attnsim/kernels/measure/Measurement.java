package org.attnsim.kernels.measure;

/**
 * A timed kernel: the median of the repeats with a distribution-free 95% confidence interval for the
 * median (order statistics ranks n/2 -+ 0.98 sqrt(n); Conover, Practical Nonparametric Statistics,
 * 3rd ed., section 3.2), the device that actually ran it, and whether transfers were timed.
 */
public record Measurement(String what, double medianSeconds, double lowSeconds, double highSeconds, int repeats,
        String device, boolean includesTransfers) {

    public static final String INTERVAL_METHOD = "95% confidence interval of the median from order statistics (Conover)";
}
