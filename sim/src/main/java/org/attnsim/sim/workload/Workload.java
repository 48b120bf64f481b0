package org.attnsim.sim.workload;

import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * One workload: phase, sequence length (the KV cache length for DECODE), batch, causal masking,
 * element type, attention algorithm, how the other layers are implemented, the attention dropout
 * probability (dropout runs inside the attention kernel, as in FlashAttention-2, when it is above 0), and the
 * element type of the KV cache that a decoding step reads (the compute dtype unless quantised).
 */
public record Workload(Phase phase, int seqLen, int batch, boolean causal, Dtype dtype, Algorithm algorithm,
        Framework framework, double attentionDropout, KvDtype kvDtype) {

    /** A workload with fused layers and no attention dropout. */
    public static Workload of(Phase phase, int seqLen, int batch, boolean causal, Dtype dtype, Algorithm algorithm,
            String where) {
        return of(phase, seqLen, batch, causal, dtype, algorithm, Framework.FUSED, 0, where);
    }

    public static Workload of(Phase phase, int seqLen, int batch, boolean causal, Dtype dtype, Algorithm algorithm,
            Framework framework, double attentionDropout, String where) {
        if (!(attentionDropout >= 0 && attentionDropout < 1)) {
            throw new InvalidInputException(where, "attention dropout = " + attentionDropout,
                    "must be a probability in [0, 1)");
        }
        if (seqLen < 1) {
            throw new InvalidInputException(where, "sequence length = " + seqLen, "must be a positive whole number");
        }
        if (batch < 1) {
            throw new InvalidInputException(where, "batch = " + batch, "must be a positive whole number");
        }
        return new Workload(phase, seqLen, batch, causal, dtype, algorithm, framework, attentionDropout,
                KvDtype.of(dtype));
    }

    /** This workload with its KV cache in {@code kv} (see {@link #checkKvDtype}). */
    public Workload withKvDtype(KvDtype kv, boolean sparq, String where) {
        checkKvDtype(kv, dtype, algorithm, framework, sparq, where);
        return new Workload(phase, seqLen, batch, causal, dtype, algorithm, framework, attentionDropout, kv);
    }

    /**
     * A cache of another type than the compute dtype is priced for a decoding step of the tiled kernel
     * (FlashDecoding's, or SparQ's fused kernels), which converts each element as it reads it; the
     * materialised-scores path and the SparQ paper's PyTorch implementation have no such cache.
     */
    public static void checkKvDtype(KvDtype kv, Dtype dtype, Algorithm algorithm, Framework framework,
            boolean sparq, String where) {
        if (!kv.convertsTo(dtype)) {
            return;
        }
        if (algorithm == Algorithm.NAIVE) {
            throw new InvalidInputException(where, "a " + kv.id() + " KV cache with algorithm naive",
                    "a KV cache of another type than dtype " + dtype.id() + " needs algorithm tiled");
        }
        if (sparq && framework == Framework.EAGER) {
            throw new InvalidInputException(where, "a " + kv.id() + " KV cache with SparQ's eager framework",
                    "the SparQ paper's implementation keeps the cache in dtype " + dtype.id()
                            + ", use framework fused");
        }
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
