package org.attnsim.sim.scenario;

/**
 * A published time next to the prediction of the same point, and the same for the speed-up over the
 * baseline (both speed-ups taken at the same shape; NaN where the baseline has no published time).
 */
public record Comparison(ReferenceTime published, ResultRow row, double predictedSeconds, double publishedSpeedup,
        double predictedSpeedup) {

    /** (predicted - published) / published. */
    public double error() {
        return predictedSeconds / published.seconds() - 1;
    }

    public double speedupError() {
        return predictedSpeedup / publishedSpeedup - 1;
    }
}
