package org.attnsim.kernels.validate;

import java.util.List;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.scenario.VariantChoice;

/**
 * One point run as a kernel and predicted on the calibrated profile of the same device, with both
 * speed-ups over the baseline's dense point at the same phase and shape.
 *
 * @param stages what each stage of a multi-stage point (SparQ's) adds to the step, one per op of the prediction
 *               (empty when the point has one stage)
 * @param atTriadBeside the point predicted on the same profile with the device memory's bandwidth replaced by
 *               {@code triadBesideBytesPerSecond}, what a triad reached in alternation with the point: on a
 *               shared machine, whether a miss is the model's or the memory's load at the time
 */
public record ValidationRow(VariantChoice variant, Prediction prediction, Measurement measured, double predictedSpeedup,
        double measuredSpeedup, List<Measurement> stages, Prediction atTriadBeside, double triadBesideBytesPerSecond) {

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

    /** (predicted - measured) / measured, predicted at the bandwidth the triad reached beside the point. */
    public double errorAtTriadBeside() {
        return atTriadBeside.seconds() / measured.medianSeconds() - 1;
    }

    /** The triad's bandwidth beside the point over the profile's device memory bandwidth. */
    public double triadBesideFraction() {
        return triadBesideBytesPerSecond / prediction.point().hardware().deviceMemory().bandwidthBytesPerSecond().value();
    }

    /** (predicted - measured) / measured of stage {@code s}: the op that predicts it against its own time. */
    public double stageError(int s) {
        return prediction.ops().get(s).seconds() / stages.get(s).medianSeconds() - 1;
    }

    /** predicted speed-up / measured speed-up - 1. */
    public double speedupError() {
        return predictedSpeedup / measuredSpeedup - 1;
    }

    public String attention() {
        return prediction.point().sparq() == null ? "dense" : prediction.point().sparq().label();
    }
}
