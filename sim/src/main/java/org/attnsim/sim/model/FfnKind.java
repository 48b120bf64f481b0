package org.attnsim.sim.model;

import java.util.Locale;
import org.attnsim.hwmodels.InvalidInputException;

/** The feed-forward block: a dense two-layer MLP (GELU) or SwiGLU (three linears; Shazeer 2020). */
public enum FfnKind {
    DENSE(2),
    SWIGLU(3);

    private final int linears;

    FfnKind(int linears) {
        this.linears = linears;
    }

    /** Weight matrices of size d_model x hidden. */
    public int linears() {
        return linears;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FfnKind parse(String text, String where) {
        for (FfnKind f : values()) {
            if (f.id().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new InvalidInputException(where, "unknown ffn '" + text + "'", "allowed: dense, swiglu");
    }
}
