package org.attnsim.sim.model;

import org.attnsim.hwmodels.EnumText;

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
        return EnumText.id(this);
    }

    public static FfnKind parse(String text, String where) {
        return EnumText.parse(FfnKind.class, text, where, "ffn");
    }
}
