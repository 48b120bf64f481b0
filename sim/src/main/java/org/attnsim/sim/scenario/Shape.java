package org.attnsim.sim.scenario;

import org.attnsim.sim.workload.Phase;

/**
 * One sequence length and batch pair of a sweep.
 *
 * @param phase the only phase this shape runs in, or null for every phase of the scenario
 */
public record Shape(int seqLen, int batch, Phase phase) {

    public Shape(int seqLen, int batch) {
        this(seqLen, batch, null);
    }

    public boolean runsIn(Phase p) {
        return phase == null || phase == p;
    }
}
