package org.attnsim.kernels.micro;

import org.attnsim.kernels.device.LineStart;

/** {@link DecodeLoopKernel} over rows of floats: the overlap benchmark's loop, as the fp32 decoding kernel's. */
public final class OverlapKernel extends DecodeLoopKernel {

    /** The benchmark's rows, as most of its cases take them. */
    public static final int LENGTH = 64;
    /** Work items per group, as attnsim's decode kernels run them. */
    public static final int GROUP = DecodeLoopKernel.GROUP;
    final float[] keys;
    final float[] values;

    /**
     * @param keys        [rows][length]
     * @param values      [rows][length]
     * @param queries     [heads][length]
     * @param out         one float per work item: the sum over its queries of their attention outputs' elements
     * @param rowsPerItem a multiple of 4
     */
    public OverlapKernel(float[] keys, float[] values, float[] queries, float[] out, int rowsPerItem, int heads,
            int wrapRows) {
        this(keys, values, queries, out, rowsPerItem, heads, wrapRows, LENGTH);
    }

    /** As above, over rows of {@code length} floats. */
    public OverlapKernel(float[] keys, float[] values, float[] queries, float[] out, int rowsPerItem, int heads,
            int wrapRows, int length) {
        super(queries, out, rowsPerItem, heads, wrapRows, length, 1f, 1f);
        this.keys = keys;
        this.values = values;
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
        return LineStart.LINE_FLOATS;
    }
}
