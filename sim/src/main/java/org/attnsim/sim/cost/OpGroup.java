package org.attnsim.sim.cost;

/** Which part of the model an operation belongs to; the time breakdown and scope filters use it. */
public enum OpGroup {
    ATTENTION("attention"),
    PROJECTION("projection"),
    FFN("ffn"),
    NORM("norm"),
    EMBEDDING("embedding"),
    LM_HEAD("lm-head"),
    OPTIMIZER("optimizer");

    private final String id;

    OpGroup(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
