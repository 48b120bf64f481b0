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

    static List<OpCost> forward(AttentionDims a) {
        int d = a.headDim();
        int e = a.elementBytes();
        double full = (double) a.batch() * a.queryHeads() * a.queryLength() * a.keyLength();
        double scoreBytes = full * e;
        double q = a.headBytes(a.queryHeads(), a.queryLength());
        double kvHeadsRead = a.groupSize() > 1 ? a.queryHeads() : a.kvHeads();
        double k = (double) a.batch() * kvHeadsRead * a.keyLength() * d * e;
        double tiles = (double) a.batch() * a.queryHeads() * Math.ceil((double) a.queryLength() / GEMM_TILE)
                * Math.ceil((double) a.keyLength() / GEMM_TILE);
        double expand = a.groupSize() > 1 ? 2 * (a.headBytes(a.kvHeads(), a.keyLength()) + k) : 0;
        OpCost qk = new OpCost("scores qk^t", OpGroup.ATTENTION, Pass.FORWARD, 2.0 * d * full, 0, 0,
                q + k + scoreBytes + expand, q + k + scoreBytes + expand, tiles, a.groupSize() > 1 ? 3 : 1, 1);
        OpCost softmax = new OpCost("softmax", OpGroup.ATTENTION, Pass.FORWARD, 0,
                (SOFTMAX_VECTOR_OPS + (a.causal() ? 1 : 0)) * full, full,
                (a.causal() ? 4 : 2) * scoreBytes, (a.causal() ? 4 : 2) * scoreBytes, full / 4096.0,
                a.causal() ? 2 : 1, 1);
        OpCost pv = new OpCost("values pv", OpGroup.ATTENTION, Pass.FORWARD, 2.0 * d * full, 0, 0,
                scoreBytes + k + q, scoreBytes + k + q, tiles, 1, 1);
        return List.of(qk, softmax, pv);
    }

    static List<OpCost> backward(AttentionDims a) {
        int d = a.headDim();
        int e = a.elementBytes();
        double full = (double) a.batch() * a.queryHeads() * a.queryLength() * a.keyLength();
        double scoreBytes = full * e;
        double q = a.headBytes(a.queryHeads(), a.queryLength());
        double kvHeadsRead = a.groupSize() > 1 ? a.queryHeads() : a.kvHeads();
        double k = (double) a.batch() * kvHeadsRead * a.keyLength() * d * e;
        double tiles = (double) a.batch() * a.queryHeads() * Math.ceil((double) a.queryLength() / GEMM_TILE)
                * Math.ceil((double) a.keyLength() / GEMM_TILE);
        // dV = P^T dO and dP = dO V^T: read P, dO, V; write dP and dV.
        OpCost pv = new OpCost("values pv", OpGroup.ATTENTION, Pass.BACKWARD, 4.0 * d * full, 0, 0,
                2 * scoreBytes + q + 2 * k, 2 * scoreBytes + q + 2 * k, tiles, 2, 1);
        // dS = P * (dP - rowsum(dP * P)): read P and dP, write dS; the mask's backward is one more pass.
        double softmaxBytes = (a.causal() ? 5 : 3) * scoreBytes;
        OpCost softmax = new OpCost("softmax", OpGroup.ATTENTION, Pass.BACKWARD, 0,
                SOFTMAX_BACKWARD_VECTOR_OPS * full, 0, softmaxBytes, softmaxBytes, full / 4096.0,
                a.causal() ? 2 : 1, 1);
        // dQ = dS K and dK = dS^T Q; with G > 1 the repeated dK and dV are summed back per group.
        double reduce = a.groupSize() > 1 ? 2 * k + 2 * a.headBytes(a.kvHeads(), a.keyLength()) : 0;
        double qkBytes = scoreBytes + 2 * q + 2 * k + reduce;
        OpCost qk = new OpCost("scores qk^t", OpGroup.ATTENTION, Pass.BACKWARD, 4.0 * d * full, 0, 0, qkBytes,
                qkBytes, tiles, a.groupSize() > 1 ? 3 : 2, 1);
        return List.of(pv, softmax, qk);
    }
}
