package org.attnsim.kernels.measure;

/**
 * A timed kernel: the median of the repeats with a distribution-free 95% confidence interval for the
 * median (order statistics ranks n/2 -+ 0.98 sqrt(n); Conover, Practical Nonparametric Statistics,
 * 3rd ed., section 3.2), the device that actually ran it, whether transfers were timed, and by which clock.
 */
public record Measurement(String what, double medianSeconds, double lowSeconds, double highSeconds, int repeats,
        String device, boolean includesTransfers, Clock clock) {

    /** A measurement by the host's clock. */
    public Measurement(String what, double medianSeconds, double lowSeconds, double highSeconds, int repeats,
            String device, boolean includesTransfers) {
        this(what, medianSeconds, lowSeconds, highSeconds, repeats, device, includesTransfers, Clock.HOST);
    }

    public static final String INTERVAL_METHOD = "95% confidence interval of the median from order statistics (Conover)";
}
