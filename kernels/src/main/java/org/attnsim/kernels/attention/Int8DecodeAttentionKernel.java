package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * {@link ChunkedDecodeKernel} over a KV cache in int8 ({@link Int8Cache}: one scale per tensor), each element
 * converted to a float as the dot product or the accumulator's update reads it. The keys' scale is folded into the
 * scores' scale and the values' into the output's last division, so an element costs its conversion alone.
 */
public final class Int8DecodeAttentionKernel extends ChunkedDecodeKernel {

    final byte[] k;
    final byte[] v;

    public Int8DecodeAttentionKernel(AttentionShapeArgs a, float[] q, Int8Cache k, Int8Cache v, float[] o) {
        super(a, q, o, k.scale(), v.scale());
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

    @Override
    int lineElements() {
        return LineStart.LINE_BYTES;
    }
}
