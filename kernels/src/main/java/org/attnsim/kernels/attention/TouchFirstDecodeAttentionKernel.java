package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * {@link PairedDecodeAttentionKernel} that, in the first pass over each four rows, reads a float of every line of
 * the four key rows <em>and value rows</em> before their arithmetic, all loads independent, so that every line
 * of the four rows is under way at once; the dot products and the accumulator's update then find them in L1.
 *
 * <p>Why (session 52, the 2-core Zen 5 VM, MHA at S 16k, batch 8, kernels in the same rounds beside a triad): the
 * kernel it replaced at d 96 and more read these lines about 1 KiB ahead instead, and streamed d 96 at 33 GB/s beside
 * a 47 GB/s triad and 37-38 beside 72-77; perf put nine in ten of its samples on those reads' maxima, waiting on
 * loads the hardware had not fetched. Reading the four rows' own lines first: d 96 at 43-46 and 52-59 GB/s, d 80 and
 * 112 18-22% faster than before with the memory slow, d 128 and 160 within 2% either way, d 256 71 GB/s against 61
 * with it fast. Where {@link DecodeAttentionKernel} ran (rows narrower than 96 floats): at d 64 one query a row 1-7%
 * faster with the memory slow and 11-12% with it fast (58-61 GB/s against 51-55), two queries a row 20% faster; four
 * and eight queries a row 1-2% slower than {@link PairedDecodeAttentionKernel}, which keeps them.
 */
public final class TouchFirstDecodeAttentionKernel extends PairedDecodeAttentionKernel {

    /** The narrowest rows this kernel serves whatever the group: {@link DecodeLaunch#chunked} picks it from there. */
    public static final int MIN_HEAD_DIM = 96;
    /** The narrowest rows it serves for groups of up to {@value #QUERIES_A_PASS} query heads a KV head. */
    public static final int MIN_HEAD_DIM_FEW_QUERIES = 64;

    public TouchFirstDecodeAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, k, v, o);
    }

    /** Whether {@link DecodeLaunch#chunked} runs this kernel for the shape {@code a}. */
    public static boolean serves(AttentionShapeArgs a) {
        int group = a.queryHeads() / a.kvHeads();
        return a.headDim() >= MIN_HEAD_DIM || a.headDim() >= MIN_HEAD_DIM_FEW_QUERIES && group <= QUERIES_A_PASS;
    }

    /** A float of every line of the four key and value rows from row {@code r0}, in the first pass over them. */
    @Override
    float readAhead(float ahead, int r0, int lastRow, int g0) {
        float m = ahead;
        for (int t = 0; g0 == 0 && t < 4 * headDim; t += LineStart.LINE_FLOATS) {
            m = max(m, k[r0 + t]);
            m = max(m, v[r0 + t]);
        }
        return m;
    }
}
