package org.attnsim.sim.workload;

import org.attnsim.hwmodels.EnumText;

/**
 * What is counted. ATTENTION: the attention core only (QK^T, softmax, PV, or SparQ's stages), one
 * layer. LAYER: adds the Q/K/V/O projections, one layer. MODEL: every layer with norms, FFN, embedding
 * and LM head (and the optimiser when training).
 */
public enum Scope {
    ATTENTION,
    LAYER,
    MODEL;

    public String id() {
        return EnumText.id(this);
    }

    public static Scope parse(String text, String where) {
        return EnumText.parse(Scope.class, text, where, "scope");
    }
}
