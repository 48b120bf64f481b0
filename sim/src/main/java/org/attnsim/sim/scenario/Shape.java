package org.attnsim.sim.scenario;

/** One sequence length and batch pair of a sweep. */
public record Shape(int seqLen, int batch) {
}
