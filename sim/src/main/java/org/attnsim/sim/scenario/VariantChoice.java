package org.attnsim.sim.scenario;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.Variant;

/** A variant with its resolved head counts and the label rows and charts show. */
public record VariantChoice(Variant variant, AttentionShape shape, String label) {
}
