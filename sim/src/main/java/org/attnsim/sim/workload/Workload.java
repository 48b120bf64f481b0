package org.attnsim.sim.workload;

import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * One workload: phase, sequence length (the KV cache length for DECODE), batch, causal masking,
 * element type and attention algorithm.
 */
public record Workload(Phase phase, int seqLen, int batch, boolean causal, Dtype dtype, Algorithm algorithm) {

    public static Workload of(Phase phase, int seqLen, int batch, boolean causal, Dtype dtype, Algorithm algorithm,
            String where) {
        if (seqLen < 1) {
            throw new InvalidInputException(where, "sequence length = " + seqLen, "must be a positive whole number");
        }
        if (batch < 1) {
            throw new InvalidInputException(where, "batch = " + batch, "must be a positive whole number");
        }
        return new Workload(phase, seqLen, batch, causal, dtype, algorithm);
    }

    /** Rows that pass through the linear layers: every token, or one new token per sequence in DECODE. */
    public long tokens() {
        return phase == Phase.DECODE ? batch : (long) batch * seqLen;
    }

    /** Query positions per sequence in the attention core. */
    public int queryLength() {
        return phase == Phase.DECODE ? 1 : seqLen;
    }

    /** Causal masking applies only when queries and keys are the same positions. */
    public boolean causalMasked() {
        return causal && phase != Phase.DECODE;
    }
}
