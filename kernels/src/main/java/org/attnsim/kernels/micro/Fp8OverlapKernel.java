package org.attnsim.kernels.micro;

import org.attnsim.kernels.attention.Fp8Cache;
import org.attnsim.kernels.device.LineStart;

/**
 * {@link DecodeLoopKernel} over rows of fp8 E4M3 elements ({@link Fp8Cache}, one scale a tensor), each built from its
 * bits as the loop reads it, as the fp8 decoding kernel's (Fp8DecodeAttentionKernel, whose {@code e4m3} this copies:
 * Aparapi calls no method of another class): the same loop's cost over an fp8 cache.
 */
public final class Fp8OverlapKernel extends DecodeLoopKernel {

    final byte[] keys;
    final byte[] values;

    /** As {@link OverlapKernel}'s, rows of {@value OverlapKernel#LENGTH} elements. */
    public Fp8OverlapKernel(Fp8Cache keys, Fp8Cache values, float[] queries, float[] out, int rowsPerItem,
            int heads, int wrapRows) {
        this(keys, values, queries, out, rowsPerItem, heads, wrapRows, OverlapKernel.LENGTH);
    }

    /** As {@link OverlapKernel}'s, rows of {@code length} elements. */
    public Fp8OverlapKernel(Fp8Cache keys, Fp8Cache values, float[] queries, float[] out, int rowsPerItem,
            int heads, int wrapRows, int length) {
        super(queries, out, rowsPerItem, heads, wrapRows, length, keys.scale(), values.scale());
        this.keys = keys.values();
        this.values = values.values();
    }

    @Override
    float key(int i) {
        return e4m3(keys[i] & 0xFF);
    }

    @Override
    float value(int i) {
        return e4m3(values[i] & 0xFF);
    }

    float e4m3(int bits) {
        int e = (bits >> 3) & 15;
        float m = ((bits & 7) + (e > 0 ? 8 : 0)) << max(e, 1);
        return (bits & 0x80) != 0 ? -m : m;
    }

    @Override
    int lineElements() {
        return LineStart.LINE_BYTES;
    }
}
