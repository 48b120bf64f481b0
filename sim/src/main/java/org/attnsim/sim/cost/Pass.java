package org.attnsim.sim.cost;

/** Which pass of a step an operation belongs to. */
public enum Pass {
    FORWARD("fwd"),
    BACKWARD("bwd"),
    UPDATE("update");

    private final String id;

    Pass(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
