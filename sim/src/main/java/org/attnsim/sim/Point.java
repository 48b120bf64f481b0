package org.attnsim.sim;

import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * One fully specified question: this attention layout (and model), this workload, this hardware.
 *
 * @param label a display name for the variant, such as "GQA" or "SQA 8/4"
 * @param model null unless the scope is {@link Scope#MODEL} or a footprint of the whole model is wanted
 * @param sparq SparQ settings for a decode step, or null for dense attention
 */
public record Point(
        String label,
        String variantId,
        AttentionShape shape,
        ModelSpec model,
        Scope scope,
        Workload workload,
        SparqConfig sparq,
        HardwareProfile hardware,
        Terms terms) {

    /** The same question on another hardware profile. */
    public Point on(HardwareProfile profile) {
        return new Point(label, variantId, shape, model, scope, workload, sparq, profile, terms);
    }
}
