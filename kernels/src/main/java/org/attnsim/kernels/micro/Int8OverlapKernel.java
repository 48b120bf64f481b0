package org.attnsim.kernels.micro;

import org.attnsim.kernels.attention.Int8Cache;
import org.attnsim.kernels.device.LineStart;

/**
 * {@link DecodeLoopKernel} over rows of int8 elements ({@link Int8Cache}, one scale a tensor), each converted as the
 * loop reads it, as the int8 decoding kernel's (Int8DecodeAttentionKernel): the same loop's cost over an int8 cache.
 */
public final class Int8OverlapKernel extends DecodeLoopKernel {

    final byte[] keys;
    final byte[] values;

    /** As {@link OverlapKernel}'s, rows of {@value OverlapKernel#LENGTH} elements. */
    public Int8OverlapKernel(Int8Cache keys, Int8Cache values, float[] queries, float[] out, int rowsPerItem,
            int heads, int wrapRows) {
        this(keys, values, queries, out, rowsPerItem, heads, wrapRows, OverlapKernel.LENGTH);
    }

    /** As {@link OverlapKernel}'s, rows of {@code length} elements. */
    public Int8OverlapKernel(Int8Cache keys, Int8Cache values, float[] queries, float[] out, int rowsPerItem,
            int heads, int wrapRows, int length) {
        super(queries, out, rowsPerItem, heads, wrapRows, length, keys.scale(), values.scale());
        this.keys = keys.values();
        this.values = values.values();
    }

    @Override
    float key(int i) {
        return keys[i];
    }

    @Override
    float value(int i) {
        return values[i];
    }

    @Override
    int lineElements() {
        return LineStart.LINE_BYTES;
    }
}
