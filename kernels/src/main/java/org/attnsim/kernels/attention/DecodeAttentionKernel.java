package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/** {@link ChunkedDecodeKernel} over an fp32 KV cache: the CPU's decoding kernel. */
public final class DecodeAttentionKernel extends ChunkedDecodeKernel {

    final float[] k;
    final float[] v;

    public DecodeAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, o, 1f, 1f);
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

    @Override
    int lineElements() {
        return LineStart.LINE_FLOATS;
    }
}
