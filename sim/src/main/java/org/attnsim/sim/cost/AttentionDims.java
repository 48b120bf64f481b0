package org.attnsim.sim.cost;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.workload.Workload;

/**
 * The sizes the attention core works on: batch B, query heads H_q, KV heads H_kv, head dimension d,
 * bytes per element, query positions S_q, key positions S_k, whether a causal mask applies, and the bytes of an
 * element of the KV cache a decoding step reads, with whether each is converted to the compute dtype as it is read.
 */
record AttentionDims(int batch, int queryHeads, int kvHeads, int headDim, int elementBytes, int queryLength,
        int keyLength, boolean causal, int cacheElementBytes, boolean cacheConverted) {

    static final double CONVERSION_OPS_PER_ELEMENT = 2;

    static AttentionDims of(AttentionShape shape, Workload w) {
        return new AttentionDims(w.batch(), shape.queryHeads(), shape.kvHeads(), shape.headDim(), w.dtype().bytes(),
                w.queryLength(), w.seqLen(), w.causalMasked(), w.kvDtype().bytes(), w.kvDtype().convertsTo(w.dtype()));
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

    /** Bytes of K (or V) in the KV cache over {@code positions} positions of every KV head. */
    double cacheBytes(int positions) {
        return (double) batch * kvHeads * positions * headDim * cacheElementBytes;
    }

    /**
     * Vector ops that convert {@code elements} read from the KV cache to the compute dtype: a conversion and the
     * per-tensor scale's multiply each; none when the cache is in the compute dtype.
     */
    double conversionOps(double elements) {
        return cacheConverted ? CONVERSION_OPS_PER_ELEMENT * elements : 0;
    }
}
