package org.attnsim.sim.scenario;

import org.attnsim.sim.Prediction;

/**
 * One row of a scenario's results: a prediction and its speed-up over the baseline variant's dense
 * prediction at the same hardware, phase, sequence length and batch.
 */
public record ResultRow(Prediction prediction, VariantChoice variant, double speedup, String baselineLabel) {

    /** "dense", or the SparQ settings of the row. */
    public String attentionKind() {
        return prediction.point().sparq() == null ? "dense" : prediction.point().sparq().label();
    }
}
