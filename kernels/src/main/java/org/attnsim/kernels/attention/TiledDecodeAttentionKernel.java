package org.attnsim.kernels.attention;

/** {@link TiledDecodeKernel} over an fp32 KV cache: the GPU's decoding kernel. */
public final class TiledDecodeAttentionKernel extends TiledDecodeKernel {

    final float[] k;
    final float[] v;

    public TiledDecodeAttentionKernel(AttentionShapeArgs a, int tileRows, int splits, float[] q, float[] k,
            float[] v, float[] o) {
        super(a, tileRows, splits, q, o, 1f, 1f);
        this.k = k;
        this.v = v;
    }

    @Override
    float key(int i) {
        return k[i];
    }

    @Override
    float value(int i) {
        return v[i];
    }
}
