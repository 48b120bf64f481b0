package org.attnsim.kernels.attention;

/**
 * {@link TiledDecodeKernel} over a KV cache in int8 ({@link Int8Cache}: one scale per tensor), each element converted
 * to a float as the work-group loads it into its tiles (adjacent items reading adjacent bytes), so the query heads of a
 * group share each conversion. The scales are folded in as {@link Int8DecodeAttentionKernel} folds them.
 */
public final class Int8TiledDecodeAttentionKernel extends TiledDecodeKernel {

    final byte[] k;
    final byte[] v;

    public Int8TiledDecodeAttentionKernel(AttentionShapeArgs a, int tileRows, int splits, float[] q, Int8Cache k,
            Int8Cache v, float[] o) {
        super(a, tileRows, splits, q, o, k.scale(), v.scale());
        this.k = k.values();
        this.v = v.values();
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
