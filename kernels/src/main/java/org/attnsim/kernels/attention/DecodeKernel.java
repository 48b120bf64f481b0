package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * What the GPU's decode-attention kernel reads ({@link TiledDecodeAttentionKernel}): one new query per sequence and
 * head, q and o [B][H_q][d], k and v [B][H_kv][S][d], and the shape's sizes.
 */
abstract class DecodeKernel extends Kernel {

    final float[] q;
    final float[] k;
    final float[] v;
    final float[] o;
    final int queryHeads;
    final int kvHeads;
    final int keyLength;
    final int headDim;
    final int groupSize;
    final float scale;

    DecodeKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        if (a.queryLength() != 1) {
            throw new IllegalArgumentException("decode attends one query position, not " + a.queryLength());
        }
        this.q = q;
        this.k = k;
        this.v = v;
        this.o = o;
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.scale = (float) (1.0 / Math.sqrt(a.headDim()));
    }
}
