package org.attnsim.sim.cost;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.workload.Workload;

/**
 * The sizes the attention core works on: batch B, query heads H_q, KV heads H_kv, head dimension d,
 * bytes per element, query positions S_q, key positions S_k and whether a causal mask applies.
 */
record AttentionDims(int batch, int queryHeads, int kvHeads, int headDim, int elementBytes, int queryLength,
        int keyLength, boolean causal) {

    static AttentionDims of(AttentionShape shape, Workload w) {
        return new AttentionDims(w.batch(), shape.queryHeads(), shape.kvHeads(), shape.headDim(), w.dtype().bytes(),
                w.queryLength(), w.seqLen(), w.causalMasked());
    }

    int groupSize() {
        return queryHeads / kvHeads;
    }

    /**
     * Score elements computed: B x H_q x S_q x S_k, halved under a causal mask. This is the convention
     * of FlashAttention's benchmarks: forward FLOPs = 4 x d x this.
     */
    double scoreElements() {
        return (double) batch * queryHeads * queryLength * keyLength * (causal ? 0.5 : 1.0);
    }

    /** Bytes of one per-head tensor of {@code positions} x d over all heads of a kind. */
    double headBytes(int heads, int positions) {
        return (double) batch * heads * positions * headDim * elementBytes;
    }
}
