package org.attnsim.sim.cost;

import java.util.List;

/**
 * Attention that materialises the S_q x S_k scores in device memory, as PyTorch's math path does:
 * QK^T, a mask pass when causal, softmax, then PV, each its own kernel. Masked work is not skipped.
 * With G > 1 the K and V heads are first repeated to H_q heads (repeat_interleave), which is written
 * and read again. Backward keeps P from the forward pass.
 */
final class NaiveAttention {

    /** Vector ops per score in softmax: max, subtract, sum, divide (the exponential is separate). */
    static final double SOFTMAX_VECTOR_OPS = 4;
    /** Softmax backward per score: dP * P, row sum, subtract, multiply. */
    static final double SOFTMAX_BACKWARD_VECTOR_OPS = 4;
    /** Edge of the output tiles of a batched GEMM (cuBLAS-class kernels use 128 x 128 and similar). */
    static final int GEMM_TILE = 128;

    private NaiveAttention() {
    }

    /**
     * What every kernel of the naive path works on: all S_q x S_k scores (masked ones too), Q's bytes,
     * one K (or V) as read by the batched matmul (repeated to H_q heads when G > 1) and the GEMM tiles.
     */
    private static final class Sizes {
        final double full;
        final double scoreBytes;
        final double q;
        final double k;
        final double tiles;

        Sizes(AttentionDims a) {
            full = (double) a.batch() * a.queryHeads() * a.queryLength() * a.keyLength();
            scoreBytes = full * a.elementBytes();
            q = a.headBytes(a.queryHeads(), a.queryLength());
            k = a.headBytes(a.groupSize() > 1 ? a.queryHeads() : a.kvHeads(), a.keyLength());
            tiles = (double) a.batch() * a.queryHeads() * Math.ceil((double) a.queryLength() / GEMM_TILE)
                    * Math.ceil((double) a.keyLength() / GEMM_TILE);
        }
    }

    /** Dropout as its own pass over the probabilities: Philox, compare, scale; writes a byte mask. */
    static final double DROPOUT_VECTOR_OPS = 6;

    static List<OpCost> forward(AttentionDims a, double dropout) {
        Sizes z = new Sizes(a);
        int d = a.headDim();
        double expand = a.groupSize() > 1 ? 2 * (a.headBytes(a.kvHeads(), a.keyLength()) + z.k) : 0;
        OpCost qk = new OpCost("scores qk^t", OpGroup.ATTENTION, Pass.FORWARD, 2.0 * d * z.full, 0, 0,
                z.q + z.k + z.scoreBytes + expand, z.q + z.k + z.scoreBytes + expand, z.tiles,
                a.groupSize() > 1 ? 3 : 1, 1);
        OpCost softmax = new OpCost("softmax", OpGroup.ATTENTION, Pass.FORWARD, 0,
                (SOFTMAX_VECTOR_OPS + (a.causal() ? 1 : 0)) * z.full, z.full,
                (a.causal() ? 4 : 2) * z.scoreBytes, (a.causal() ? 4 : 2) * z.scoreBytes, z.full / LayerOps.ELEMENTS_PER_TILE,
                a.causal() ? 2 : 1, 1);
        OpCost pv = new OpCost("values pv", OpGroup.ATTENTION, Pass.FORWARD, 2.0 * d * z.full, 0, 0,
                z.scoreBytes + z.k + z.q, z.scoreBytes + z.k + z.q, z.tiles, 1, 1);
        if (dropout > 0) {
            double bytes = z.full * (2.0 * a.elementBytes() + 1);
            OpCost drop = new OpCost("dropout", OpGroup.ATTENTION, Pass.FORWARD, 0, DROPOUT_VECTOR_OPS * z.full, 0,
                    bytes, bytes, z.full / LayerOps.ELEMENTS_PER_TILE, 1, 1);
            return List.of(qk, softmax, drop, pv);
        }
        return List.of(qk, softmax, pv);
    }

    static List<OpCost> backward(AttentionDims a, double dropout) {
        Sizes z = new Sizes(a);
        int d = a.headDim();
        // dV = P^T dO and dP = dO V^T: read P, dO, V; write dP and dV.
        OpCost pv = new OpCost("values pv", OpGroup.ATTENTION, Pass.BACKWARD, 4.0 * d * z.full, 0, 0,
                2 * z.scoreBytes + z.q + 2 * z.k, 2 * z.scoreBytes + z.q + 2 * z.k, z.tiles, 2, 1);
        // dS = P * (dP - rowsum(dP * P)): read P and dP, write dS; the mask's backward is one more pass.
        double softmaxBytes = (a.causal() ? 5 : 3) * z.scoreBytes;
        OpCost softmax = new OpCost("softmax", OpGroup.ATTENTION, Pass.BACKWARD, 0,
                SOFTMAX_BACKWARD_VECTOR_OPS * z.full, 0, softmaxBytes, softmaxBytes, z.full / LayerOps.ELEMENTS_PER_TILE,
                a.causal() ? 2 : 1, 1);
        // dQ = dS K and dK = dS^T Q; with G > 1 the repeated dK and dV are summed back per group.
        double reduce = a.groupSize() > 1 ? 2 * z.k + 2 * a.headBytes(a.kvHeads(), a.keyLength()) : 0;
        double qkBytes = z.scoreBytes + 2 * z.q + 2 * z.k + reduce;
        OpCost qk = new OpCost("scores qk^t", OpGroup.ATTENTION, Pass.BACKWARD, 4.0 * d * z.full, 0, 0, qkBytes,
                qkBytes, z.tiles, a.groupSize() > 1 ? 3 : 2, 1);
        if (dropout > 0) {
            double bytes = z.full * (2.0 * a.elementBytes() + 1);
            OpCost drop = new OpCost("dropout", OpGroup.ATTENTION, Pass.BACKWARD, 0, z.full, 0, bytes, bytes,
                    z.full / LayerOps.ELEMENTS_PER_TILE, 1, 1);
            return List.of(pv, drop, softmax, qk);
        }
        return List.of(pv, softmax, qk);
    }
}
