package org.attnsim.sim.workload;

import java.util.Locale;
import org.attnsim.hwmodels.InvalidInputException;

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
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String text, String where) {
        for (Scope s : values()) {
            if (s.id().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new InvalidInputException(where, "unknown scope '" + text + "'", "allowed: attention, layer, model");
    }
}
