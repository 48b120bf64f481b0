package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * {@link ChunkedDecodeKernel} over a KV cache in fp8 E4M3 ({@link Fp8Cache}: one scale per tensor), each element
 * built from its bits as the dot product or the accumulator's update reads it, once for each query head that reads
 * it: a CPU has no fp8 conversion. The scales are folded in as {@link Int8DecodeAttentionKernel} folds them.
 */
public final class Fp8DecodeAttentionKernel extends ChunkedDecodeKernel {

    final byte[] k;
    final byte[] v;

    public Fp8DecodeAttentionKernel(AttentionShapeArgs a, float[] q, Fp8Cache k, Fp8Cache v, float[] o) {
        super(a, q, o, k.scale(), v.scale());
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

    @Override
    int lineElements() {
        return LineStart.LINE_BYTES;
    }
}
