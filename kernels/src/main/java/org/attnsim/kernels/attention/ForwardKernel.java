package org.attnsim.kernels.attention;

/**
 * What every attention-forward kernel reads: q and o [B][H_q][S_q][d], k and v [B][H_kv][S_k][d], the
 * shape's sizes, and the causal mask (query i sees keys j <= i + (S_k - S_q)).
 */
abstract class ForwardKernel extends FmaExponential {

    final float[] q;
    final float[] k;
    final float[] v;
    final float[] o;
    final int batch;
    final int queryHeads;
    final int kvHeads;
    final int queryLength;
    final int keyLength;
    final int headDim;
    final int causal;
    final float scale;
    final int groupSize;

    ForwardKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.o = o;
        this.batch = a.batch();
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.queryLength = a.queryLength();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.causal = a.causal() ? 1 : 0;
        this.scale = (float) (1.0 / Math.sqrt(a.headDim()));
        this.groupSize = a.queryHeads() / a.kvHeads();
    }
}
