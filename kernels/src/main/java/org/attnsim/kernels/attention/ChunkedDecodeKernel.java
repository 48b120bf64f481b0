package org.attnsim.kernels.attention;

import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.kernels.device.LineStart;

/**
 * Decode attention (one new query per sequence and head) over a KV cache on a CPU, split-K style (FlashDecoding): a
 * work-group serves one (batch, KV head); each of its work items streams one contiguous chunk of the cache straight
 * from global memory, a tile of {@value #TILE_BYTES} bytes of keys and values at a time (512 rows at d 64), and walks
 * each tile once for every {@value #QUERIES_A_PASS} of the group's query heads, keeping an online softmax for each
 * (the group shares each K/V row it reads), the first pass reading the rows from memory and the others from the core's
 * L2; the partial results are then combined in local memory.
 *
 * <p>Before the arithmetic on each four rows, the first pass reads a float of every line of those four key rows and
 * value rows, all loads independent, so that all their lines are under way at once; the dot products and the
 * accumulator's update then find them in L1. On the 2-core Zen 5 VM the hardware did not fetch the rows in time by
 * itself (session 37: MHA at S 16k, batch 8, 31 ms without any such reads, 13 with the next four key rows read
 * ahead). Reading the rows about to be used rather than rows ahead (session 52, kernels in the same rounds beside a
 * triad, S 16k, batch 8): d 96 43-46 GB/s beside a 47 GB/s triad where the key and value rows read about 1 KiB ahead
 * streamed 33 (perf: nine samples in ten on those reads, waiting), d 48 +50%, d 80 and 112 +18-22%, d 128-256 the
 * same or faster; at d 64 one query a row 5-8% faster than the next key rows read ahead, two 20%, four and eight 6%
 * and 3-4% faster than the passes that read the next key rows ahead (timed with neither kernel right after the triad,
 * where any step takes 1-5% longer), and 9-18% at d 48 and 80. How it is written matters to PoCL's code (session 37):
 * the reads' max, never below 0, is stored only if below -1, as no other use of it kept the loop as fast.
 *
 * <p>Why passes of two queries over tiles: on the Zen 5 VM a row with four queries ran at its arithmetic's time plus
 * its memory's (GQA at S 16k, batch 8: 9.4-9.7 ms, where OverlapKernel's 4-query loop takes 6.1-6.5 ms on
 * cache-resident rows and the rows' bytes at the triad's bandwidth 3.2 ms), while rows with two queries overlap the
 * two (session 38). Two queries a pass over tiles of 512 rows: 8.5-8.6 ms in the same rounds (tiles of 256 rows
 * 8.8-9.0; passes over the whole chunk 8.5-8.6, but a chunk of more than 2,048 rows, at S above 32k, would not stay
 * in a 1 MiB L2); 7.9-8.1 once the passes after the first read no rows ahead.
 *
 * <p>Layouts: q and o [B][H_q][d] (the new token), K and V [B][H_kv][S][d], their elements read through {@link #key}
 * and {@link #value}: fp32 ({@link DecodeAttentionKernel}), int8 ({@link Int8DecodeAttentionKernel}) or fp8 E4M3
 * ({@link Fp8DecodeAttentionKernel}). PoCL inlines them: the fp32 kernel on this one body ran at 0.98-1.03 times the
 * time of its own body before (five shapes at d 64, three runs, each in either order in the rounds, and at d 128;
 * session 61).
 */
public abstract class ChunkedDecodeKernel extends DecodeKernel {

    /** Work items per (batch, KV head): chunks of the cache. */
    public static final int SPLITS = 16;
    /** Query heads a pass over a tile, as the simulator prices the loop. */
    public static final int QUERIES_A_PASS = DecodeTile.CPU_HEADS_A_PASS;
    /** Bytes of fp32 keys and values in a tile: 512 rows at d 64, half a Zen 4's or Zen 5's L2. */
    public static final int TILE_BYTES = 256 << 10;

    /** Rows of a tile (those of {@link #TILE_BYTES} of fp32 rows, whatever the cache's type), and heads a pass. */
    final int tileRows;
    final int queriesAPass;
    @Local final float[] partialAcc;
    @Local final float[] partialMax;
    @Local final float[] partialSum;

    ChunkedDecodeKernel(AttentionShapeArgs a, float[] q, float[] o, float keyScale, float valueScale) {
        super(a, q, o, keyScale, valueScale);
        this.tileRows = Math.max(4, TILE_BYTES / (2 * a.headDim() * Float.BYTES));
        this.queriesAPass = QUERIES_A_PASS;
        this.partialAcc = new float[SPLITS * groupSize * headDim];
        this.partialMax = new float[SPLITS * groupSize];
        this.partialSum = new float[SPLITS * groupSize];
    }

    public static int globalSize(AttentionShapeArgs a) {
        return a.batch() * a.kvHeads() * SPLITS;
    }

    public static int localSize() {
        return SPLITS;
    }

    /**
     * Elements of K or V in a cache line: a constant of the subclass, not a field, as a stride PoCL does not know
     * when it compiles made GQA's fp32 step (S 16k, batch 8, d 64) 5.8% slower in three runs (session 61).
     */
    abstract int lineElements();

    @Override
    public void run() {
        int split = getLocalId();
        int bh = getGroupId();
        int b = bh / kvHeads;
        int kvh = bh % kvHeads;
        int chunk = (keyLength + SPLITS - 1) / SPLITS;
        int start = split * chunk;
        int end = min(keyLength, start + chunk);
        int kvBase = (b * kvHeads + kvh) * keyLength * headDim;

        for (int g = 0; g < groupSize; g++) {
            int slot = split * groupSize + g;
            partialMax[slot] = -1e30f;
            partialSum[slot] = 0f;
            for (int c = 0; c < headDim; c++) {
                partialAcc[slot * headDim + c] = 0f;
            }
        }
        float touched = 0f;
        for (int t0 = start; t0 < end; t0 += tileRows) {
            int tileEnd = min(end, t0 + tileRows);
            for (int g0 = 0; g0 < groupSize; g0 += queriesAPass) {
                int gEnd = min(groupSize, g0 + queriesAPass);
                int j = t0;
                for (; j + 3 < tileEnd; j += 4) {
                    int r0 = kvBase + j * headDim;
                    int r1 = r0 + headDim;
                    int r2 = r1 + headDim;
                    int r3 = r2 + headDim;
                    touched = touchRows(touched, r0, g0);
                    for (int g = g0; g < gEnd; g++) {
                        int slot = split * groupSize + g;
                        int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
                        float s0 = 0f;
                        float s1 = 0f;
                        float s2 = 0f;
                        float s3 = 0f;
                        for (int c = 0; c < headDim; c++) {
                            float x = q[qBase + c];
                            s0 += x * key(r0 + c);
                            s1 += x * key(r1 + c);
                            s2 += x * key(r2 + c);
                            s3 += x * key(r3 + c);
                        }
                        s0 = s0 * scoreScale;
                        s1 = s1 * scoreScale;
                        s2 = s2 * scoreScale;
                        s3 = s3 * scoreScale;
                        float mOld = partialMax[slot];
                        float mNew = max(mOld, max(max(s0, s1), max(s2, s3)));
                        float correction = exp(mOld - mNew);
                        float p0 = exp(s0 - mNew);
                        float p1 = exp(s1 - mNew);
                        float p2 = exp(s2 - mNew);
                        float p3 = exp(s3 - mNew);
                        partialSum[slot] = partialSum[slot] * correction + p0 + p1 + p2 + p3;
                        for (int c = 0; c < headDim; c++) {
                            partialAcc[slot * headDim + c] = partialAcc[slot * headDim + c] * correction
                                    + p0 * value(r0 + c) + p1 * value(r1 + c) + p2 * value(r2 + c) + p3 * value(r3 + c);
                        }
                        partialMax[slot] = mNew;
                    }
                }
                for (; j < tileEnd; j++) {
                    int row = kvBase + j * headDim;
                    for (int g = g0; g < gEnd; g++) {
                        int slot = split * groupSize + g;
                        int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
                        float s = 0f;
                        for (int c = 0; c < headDim; c++) {
                            s += q[qBase + c] * key(row + c);
                        }
                        s = s * scoreScale;
                        float mOld = partialMax[slot];
                        float mNew = max(mOld, s);
                        float correction = exp(mOld - mNew);
                        float p = exp(s - mNew);
                        partialSum[slot] = partialSum[slot] * correction + p;
                        for (int c = 0; c < headDim; c++) {
                            partialAcc[slot * headDim + c] = partialAcc[slot * headDim + c] * correction
                                    + p * value(row + c);
                        }
                        partialMax[slot] = mNew;
                    }
                }
            }
        }
        if (touched < -1f) {
            o[0] = touched;
        }
        localBarrier();
        // Combine: work item t finishes the output elements t, t + SPLITS, ... of the group.
        for (int e = split; e < groupSize * headDim; e += SPLITS) {
            int g = e / headDim;
            int c = e % headDim;
            float m = -1e30f;
            for (int sIdx = 0; sIdx < SPLITS; sIdx++) {
                m = max(m, partialMax[sIdx * groupSize + g]);
            }
            float sum = 0f;
            float acc = 0f;
            for (int sIdx = 0; sIdx < SPLITS; sIdx++) {
                int slot = sIdx * groupSize + g;
                float w = exp(partialMax[slot] - m);
                sum += partialSum[slot] * w;
                acc += partialAcc[slot * headDim + c] * w;
            }
            o[(b * queryHeads + kvh * groupSize + g) * headDim + c] = acc / sum * valueScale;
        }
    }

    /**
     * {@code touched} and, in the first pass over four rows ({@code g0} 0), an element of every line of the four key
     * and value rows from row {@code r0}: their max. A method of its own: the same lines written in the loop ran
     * 1.5-4% slower at d 64, in either order in the same rounds (session 52).
     */
    float touchRows(float touched, int r0, int g0) {
        float m = touched;
        for (int t = 0; g0 == 0 && t < 4 * headDim; t += lineElements()) {
            m = max(m, key(r0 + t));
            m = max(m, value(r0 + t));
        }
        return m;
    }
}
