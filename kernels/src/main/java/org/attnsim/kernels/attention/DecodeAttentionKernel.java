package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * Decode attention (one new query per sequence and head) over a KV cache, split-K style
 * (FlashDecoding): a work-group serves one (batch, KV head); each of its work items streams one
 * contiguous chunk of the cache straight from global memory and keeps an online softmax for every
 * query head of the group (the group shares each K/V row it reads); the partial results are then
 * combined in local memory.
 *
 * <p>Each four rows, a work item first reads a float of every line of the next four key rows, so that they are
 * under way while it works on these. The hardware did not fetch them in time on the 2-core Zen 5 VM: dense MHA
 * decoding at S 16k, batch 8 streamed at 17 GB/s beside a 37 GB/s triad, and reading ahead took it from 31 to 13
 * ms (xSQA's 1-query rows 7.9 to 3.6 ms, SQA's 2-query rows 5.7 to 4.7, GQA's 4-query rows 9.1 to 9.5; session
 * 37). How it is written matters to PoCL's code (measured in the same rounds, session 37): the reads' max, never
 * below 0, is stored only if below -1, as no other use of it kept the loop as fast (a store of it to an array of
 * its own, 22 ms); a sum of the reads became gathers the loop waited on; and the distance is the field {@link
 * #aheadRows}, as with the constant 4 written in the kernel the step took 17 ms.
 *
 * <p>Layouts: q and o [B][H_q][d] (the new token), k and v [B][H_kv][S][d].
 */
public class DecodeAttentionKernel extends DecodeKernel {

    /** Work items per (batch, KV head): chunks of the cache. */
    public static final int SPLITS = 16;
    /** Rows a work item reads ahead of its arithmetic (see above). */
    public static final int AHEAD_ROWS = 4;

    /** {@link #AHEAD_ROWS}, a field (see above). */
    final int aheadRows;
    @Local final float[] partialAcc;
    @Local final float[] partialMax;
    @Local final float[] partialSum;

    public DecodeAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, k, v, o);
        this.aheadRows = AHEAD_ROWS;
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
        int j = start;
        int lastRow = kvBase + (end - 1) * headDim;
        float ahead = 0f;
        // Four keys at a time: one rescale per four keys and one accumulator update for the four.
        for (; j + 3 < end; j += 4) {
            int r0 = kvBase + j * headDim;
            int r1 = r0 + headDim;
            int r2 = r1 + headDim;
            int r3 = r2 + headDim;
            for (int t = 0; t < 4 * headDim; t += LineStart.LINE_FLOATS) {
                ahead = max(ahead, k[min(r0 + aheadRows * headDim + t, lastRow)]);
            }
            for (int g = 0; g < groupSize; g++) {
                int slot = split * groupSize + g;
                int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int c = 0; c < headDim; c++) {
                    float x = q[qBase + c];
                    s0 += x * k[r0 + c];
                    s1 += x * k[r1 + c];
                    s2 += x * k[r2 + c];
                    s3 += x * k[r3 + c];
                }
                s0 = s0 * scale;
                s1 = s1 * scale;
                s2 = s2 * scale;
                s3 = s3 * scale;
                float mOld = partialMax[slot];
                float mNew = max(mOld, max(max(s0, s1), max(s2, s3)));
                float correction = exp(mOld - mNew);
                float p0 = exp(s0 - mNew);
                float p1 = exp(s1 - mNew);
                float p2 = exp(s2 - mNew);
                float p3 = exp(s3 - mNew);
                partialSum[slot] = partialSum[slot] * correction + p0 + p1 + p2 + p3;
                for (int c = 0; c < headDim; c++) {
                    partialAcc[slot * headDim + c] = partialAcc[slot * headDim + c] * correction + p0 * v[r0 + c]
                            + p1 * v[r1 + c] + p2 * v[r2 + c] + p3 * v[r3 + c];
                }
                partialMax[slot] = mNew;
            }
        }
        for (; j < end; j++) {
            int row = kvBase + j * headDim;
            for (int g = 0; g < groupSize; g++) {
                int slot = split * groupSize + g;
                int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
                float s = 0f;
                for (int c = 0; c < headDim; c++) {
                    s += q[qBase + c] * k[row + c];
                }
                s = s * scale;
                float mOld = partialMax[slot];
                float mNew = max(mOld, s);
                float correction = exp(mOld - mNew);
                float p = exp(s - mNew);
                partialSum[slot] = partialSum[slot] * correction + p;
                for (int c = 0; c < headDim; c++) {
                    partialAcc[slot * headDim + c] = partialAcc[slot * headDim + c] * correction + p * v[row + c];
                }
                partialMax[slot] = mNew;
            }
        }
        if (ahead < -1f) {
            o[0] = ahead;
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
            o[(b * queryHeads + kvh * groupSize + g) * headDim + c] = acc / sum;
        }
    }
}
