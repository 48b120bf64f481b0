package org.attnsim.kernels.attention;

/**
 * {@link TiledDecodeKernel} over a KV cache in fp8 E4M3 ({@link Fp8Cache}: one scale per tensor), each element built
 * from its bits as the work-group loads it into its tiles (adjacent items reading adjacent bytes), so the query heads
 * of a group share each conversion. The scales are folded in as {@link Fp8DecodeAttentionKernel} folds them.
 */
public final class Fp8TiledDecodeAttentionKernel extends TiledDecodeKernel {

    final byte[] k;
    final byte[] v;

    public Fp8TiledDecodeAttentionKernel(AttentionShapeArgs a, int tileRows, int splits, float[] q, Fp8Cache k,
            Fp8Cache v, float[] o) {
        super(a, tileRows, splits, q, o, k.scale(), v.scale());
        this.k = k.values();
        this.v = v.values();
    }

    @Override
    float key(int i) {
        return e4m3(k[i] & 0xFF);
    }

    @Override
    float value(int i) {
        return e4m3(v[i] & 0xFF);
    }
}
