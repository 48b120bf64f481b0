package org.attnsim.sim.roofline;

/** What limits an operation: the unit whose time is largest, or the launch latency. */
public enum Bound {
    MATRIX("matrix"),
    VECTOR("vector"),
    EXPONENTIAL("exp"),
    MEMORY("memory"),
    CACHE("cache"),
    LATENCY("latency"),
    LAUNCH("launch");

    private final String id;

    Bound(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
