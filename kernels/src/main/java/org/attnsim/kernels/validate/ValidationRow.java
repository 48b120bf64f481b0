package org.attnsim.kernels.validate;

import java.util.List;
import org.attnsim.kernels.calibrate.RunRates;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.scenario.VariantChoice;

/**
 * One point run as a kernel and predicted on the calibrated profile of the same device, with both
 * speed-ups over the baseline's dense point at the same phase and shape.
 *
 * @param measuredSpeedupInterval the baseline's time over the point's, round by round: the
 *               median and its 95% interval (null for the baseline itself, whose speed-up is 1)
 * @param stages what each stage of a multi-stage point (SparQ's) adds to the step, one per op of the prediction
 *               (empty when the point has one stage)
 * @param atRatesBeside the point predicted on the same profile with the device memory's bandwidth, the
 *               row-update FMA rate and the overlap exponent replaced by what a triad
 *               ({@code bytesPerSecondBeside}), the row updates ({@code rowUpdateFlopsBeside}) and the overlap
 *               benchmark ({@code overlapExponentBeside}) gave in the same rounds as the point: on a shared
 *               machine, whether a miss is the model's or the device's load at the time
 * @param predictedSpeedupAtRatesBeside the baseline's prediction at those rates over the point's (the baseline ran
 *               in the same rounds)
 */
public record ValidationRow(VariantChoice variant, Prediction prediction, Measurement measured, double predictedSpeedup,
        MedianInterval measuredSpeedupInterval, List<Measurement> stages, Prediction atRatesBeside,
        double bytesPerSecondBeside, double rowUpdateFlopsBeside, double overlapExponentBeside,
        RoundErrors atRatesBesideByRound) {

    /**
     * The errors at the rates beside a point over {@code rounds} rounds: the medians of each round's (predicted -
     * measured) / measured of the time ({@code time}) and of the speed-up ({@code speedup}), and of the predicted
     * speed-up ({@code predictedSpeedup}); and the lowest and highest triad bandwidth (B/s) and row-update rate
     * (FLOP/s) of those rounds. No rounds where they are worked from medians alone.
     */
    public record RoundErrors(double time, double speedup, double predictedSpeedup, int rounds, Spread triad,
            Spread rowUpdates) {

        /** The lowest and the highest of a rate over the rounds. */
        public record Spread(double low, double high) {

            public static Spread of(List<Double> values) {
                return new Spread(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            }
        }

        /**
         * The errors of a point predicted at {@code predictedSeconds}, its baseline at {@code baselineSeconds}, against
         * its median {@code measuredSeconds} and median speed-up {@code measuredSpeedup}, at the median triad
         * bandwidth and row-update rate given.
         */
        public static RoundErrors atMedians(double predictedSeconds, double baselineSeconds, double measuredSeconds,
                double measuredSpeedup, double bandwidth, double rowUpdates) {
            double predictedSpeedup = baselineSeconds / predictedSeconds;
            return new RoundErrors(predictedSeconds / measuredSeconds - 1, predictedSpeedup / measuredSpeedup - 1,
                    predictedSpeedup, 0, new Spread(bandwidth, bandwidth), new Spread(rowUpdates, rowUpdates));
        }
    }

    public ValidationRow {
        stages = List.copyOf(stages);
        if (!stages.isEmpty() && stages.size() != prediction.ops().size()) {
            throw new IllegalArgumentException(stages.size() + " stages timed for " + prediction.ops().size() + " ops");
        }
    }

    /** (predicted - measured) / measured. */
    public double error() {
        return prediction.seconds() / measured.medianSeconds() - 1;
    }

    /** (predicted - measured) / measured at the rates the device gave beside the point ({@link RoundErrors}). */
    public double errorAtRatesBeside() {
        return atRatesBesideByRound.time();
    }

    /** The speed-up predicted at the rates beside the point ({@link RoundErrors}). */
    public double predictedSpeedupAtRatesBeside() {
        return atRatesBesideByRound.predictedSpeedup();
    }

    /** The triad's bandwidth beside the point over the profile's device memory bandwidth. */
    public double bandwidthBesideFraction() {
        return bytesPerSecondBeside / prediction.point().hardware().deviceMemory().bandwidthBytesPerSecond().value();
    }

    /** The row updates' FMA rate beside the point over the profile's (peak x matrix fraction). */
    public double rowUpdatesBesideFraction() {
        return rowUpdateFlopsBeside / RunRates.rowUpdates(prediction.point().hardware());
    }

    /** The lowest and highest triad bandwidth of the point's rounds over the profile's. */
    public RoundErrors.Spread bandwidthRoundsFraction() {
        double profile = prediction.point().hardware().deviceMemory().bandwidthBytesPerSecond().value();
        return new RoundErrors.Spread(atRatesBesideByRound.triad().low() / profile,
                atRatesBesideByRound.triad().high() / profile);
    }

    /** The lowest and highest row-update rate of the point's rounds over the profile's. */
    public RoundErrors.Spread rowUpdatesRoundsFraction() {
        double profile = RunRates.rowUpdates(prediction.point().hardware());
        return new RoundErrors.Spread(atRatesBesideByRound.rowUpdates().low() / profile,
                atRatesBesideByRound.rowUpdates().high() / profile);
    }

    /**
     * (predicted - measured) / measured of stage {@code s}: what its op adds to the predicted step against what the
     * stage adds to the measured one (its cut less the cut before it).
     */
    public double stageError(int s) {
        return prediction.addedSeconds().get(s) / stages.get(s).medianSeconds() - 1;
    }

    /** The median over rounds of the baseline's time over the point's (1 for the baseline itself). */
    public double measuredSpeedup() {
        return measuredSpeedupInterval == null ? 1.0 : measuredSpeedupInterval.median();
    }

    /**
     * Whether the predicted speed-up lies in the measured one's 95% interval: a miss outside it is more than
     * the rounds' own scatter. The baseline's speed-up is 1 by definition and never a miss.
     */
    public boolean predictedSpeedupInsideInterval() {
        return measuredSpeedupInterval == null ? predictedSpeedup == 1.0
                : measuredSpeedupInterval.contains(predictedSpeedup);
    }

    /** predicted speed-up / measured speed-up - 1. */
    public double speedupError() {
        return predictedSpeedup / measuredSpeedup() - 1;
    }

    /** The same at the rates beside the point ({@link RoundErrors}). */
    public double speedupErrorAtRatesBeside() {
        return atRatesBesideByRound.speedup();
    }

    public String attention() {
        return attention(prediction.point());
    }

    /** The point in words: variant, attention, phase and shape ("GQA SparQ once r16 k128 decode S 16384 batch 8"). */
    public String describe() {
        return describe(variant, prediction.point());
    }

    /** {@code p}'s attention: "dense" or its SparQ configuration. */
    public static String attention(Point p) {
        return p.sparq() == null ? "dense" : p.sparq().label();
    }

    /** A point of {@code variant} in words, as {@link #describe()}. */
    public static String describe(VariantChoice variant, Point p) {
        var w = p.workload();
        return variant.label() + " " + attention(p) + " " + w.phase().id() + " S " + w.seqLen() + " batch " + w.batch();
    }
}
