package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * The decoding kernel for rows of at least {@value #MIN_HEAD_DIM} floats, whatever the group: {@link
 * PairedDecodeAttentionKernel} reading ahead, in the first pass over a tile, a float of every line of the next four
 * key rows <em>and value rows</em> about {@value #AHEAD_BYTES} bytes on. The other decoding kernels read only the
 * key rows ahead, four rows on, which at d 64 is what streams fastest; at wider rows the hardware did not fetch the
 * value rows in time.
 *
 * <p>Measured on the 2-core Zen 5 VM (session 46; S 16k, the same 537 MB of cache at every d, kernels compared in the
 * same rounds): {@code DecodeAttentionKernel} streamed 50-55 GB/s at d 64 with the memory in its fast state, but 29-31
 * at d 128, 35-42 at d 80-112 and 39-45 at d 160-256 (perf: the value rows' loads in the accumulator's update held
 * the loop). Reading the value rows ahead too: d 128 67-72 GB/s, d 112 53-65, d 160 67-69, d 192 60-62 and d 256 58
 * (one row, 1 KB, ahead; four rows ahead 42-49 and 41), d 96 38-41 against 36-38; GQA's four queries a row at d 128
 * took 4.5-4.8 ms against 7.5-7.7, SQA's two 6.3-6.5 against 10.5-10.9. Narrower rows keep the kernels as they
 * were: the same read-ahead lost 8-16% at d 80, and at d 64 20-30% in the one-query loop and 6% in GQA's with the
 * value reads gated off by a field, PoCL's code for those loops shifting with any change around them (see {@code
 * DecodeAttentionKernel}). The paired kernel's tiles serve one and two queries a row as fast as {@code
 * DecodeAttentionKernel}'s loop with the same reads at d 128 and 160 (within 1-3%; 12% slower at d 96).
 */
public final class WideRowDecodeAttentionKernel extends PairedDecodeAttentionKernel {

    /** The narrowest rows this kernel is for: {@link DecodeLaunch#chunked} picks it from there. */
    public static final int MIN_HEAD_DIM = 96;
    /** About how far ahead the key and value rows are read: 2 rows at d 96-128, 1 from d 129. */
    public static final int AHEAD_BYTES = 1024;

    /** Rows read ahead, {@link #AHEAD_BYTES} over a row's bytes, at least one: a field, as in the other kernels. */
    final int wideAheadRows;

    public WideRowDecodeAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, k, v, o);
        this.wideAheadRows = aheadRowsFor(a.headDim());
    }

    /** {@link #AHEAD_BYTES} over the bytes of a row of {@code headDim} floats, at least one row. */
    static int aheadRowsFor(int headDim) {
        return Math.max(1, AHEAD_BYTES / (headDim * Float.BYTES));
    }

    /** The key and the value rows {@link #wideAheadRows} on, where the paired kernel reads the key rows alone. */
    @Override
    float readAhead(float ahead, int r0, int lastRow, int g0) {
        float m = ahead;
        for (int t = 0; g0 == 0 && t < 4 * headDim; t += LineStart.LINE_FLOATS) {
            m = max(m, k[min(r0 + wideAheadRows * headDim + t, lastRow)]);
            m = max(m, v[min(r0 + wideAheadRows * headDim + t, lastRow)]);
        }
        return m;
    }
}
