package org.attnsim.kernels.validate;

import org.attnsim.kernels.measure.Measurement;

/**
 * What the device gave while a point ran: a triad beyond the cache ({@code triadBytes} a run), the row
 * updates of the calibration ({@code rowUpdateFlops} a run) and page runs beyond the cache
 * ({@code pageRunBytes} a run), each timed in the same rounds as the point.
 */
public record RatesBeside(Measurement triad, long triadBytes, Measurement rowUpdates, double rowUpdateFlops,
        Measurement pageRuns, long pageRunBytes) {

    /** The triad's bandwidth: its bytes over its median less the launch latency. */
    public double bytesPerSecond(double launchSeconds) {
        return triadBytes / lessLaunch(triad, launchSeconds);
    }

    /** The row updates' FLOP rate, likewise. */
    public double rowUpdateFlopsPerSecond(double launchSeconds) {
        return rowUpdateFlops / lessLaunch(rowUpdates, launchSeconds);
    }

    /** The page runs' bandwidth, likewise. */
    public double pageRunBytesPerSecond(double launchSeconds) {
        return pageRunBytes / lessLaunch(pageRuns, launchSeconds);
    }

    private static double lessLaunch(Measurement m, double launchSeconds) {
        double t = m.medianSeconds();
        return t > 2 * launchSeconds ? t - launchSeconds : t;
    }
}
