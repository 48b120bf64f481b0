package org.attnsim.sim.scenario;

import org.attnsim.sim.model.KeyLayout;

/**
 * One published time: the variant (by label), the shape, dense or SparQ with a key layout, and seconds.
 *
 * @param keyLayout null for dense attention
 */
public record ReferenceTime(String variant, int seqLen, int batch, KeyLayout keyLayout, double seconds) {

    public String attention() {
        return keyLayout == null ? "dense" : "sparq " + keyLayout.id();
    }
}
