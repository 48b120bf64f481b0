package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * What every decode-attention kernel reads: one new query per sequence and head, q and o [B][H_q][d], K and V
 * [B][H_kv][S][d] as floats through {@link #key} and {@link #value} (fp32, or a quantised cache's elements converted
 * as they are read), and the shape's sizes. The CPU's body is {@link ChunkedDecodeKernel}, the GPU's
 * {@link TiledDecodeKernel}; each leaf kernel gives the cache's arrays and reads.
 */
abstract class DecodeKernel extends Kernel {

    final float[] q;
    final float[] o;
    final int queryHeads;
    final int kvHeads;
    final int keyLength;
    final int headDim;
    final int groupSize;
    /** 1 / sqrt(d), times the keys' scale where the cache has one. */
    final float scoreScale;
    /** The values' scale (1 where the cache has none). */
    final float valueScale;

    DecodeKernel(AttentionShapeArgs a, float[] q, float[] o, float keyScale, float valueScale) {
        if (a.queryLength() != 1) {
            throw new IllegalArgumentException("decode attends one query position, not " + a.queryLength());
        }
        this.q = q;
        this.o = o;
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.scoreScale = (float) (keyScale / Math.sqrt(a.headDim()));
        this.valueScale = valueScale;
    }

    /** Element i of K, as a float (without the keys' scale). */
    abstract float key(int i);

    /** Element i of V, as a float (without the values' scale). */
    abstract float value(int i);

    /**
     * An fp8 E4M3 element from its bits, without the 2^-10 that {@link Fp8Cache#scale()} holds: the integer ops of
     * {@link Fp8Cache#magnitude(int)}, then the sign.
     */
    float e4m3(int bits) {
        int e = (bits >> 3) & 15;
        float m = ((bits & 7) + (e > 0 ? 8 : 0)) << max(e, 1);
        return (bits & 0x80) != 0 ? -m : m;
    }
}
