package org.attnsim.kernels.attention;

import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.kernels.device.LineStart;

/**
 * {@link DecodeAttentionKernel} for groups of more than {@value #QUERIES_A_PASS} query heads a KV head (GQA, MQA):
 * each work item walks its chunk of the cache a tile of {@value #TILE_BYTES} bytes of keys and values at a time
 * (512 rows at d 64), and each tile once for every {@value #QUERIES_A_PASS} of the group's query heads, the first
 * pass reading the rows from memory and the others from the core's L2. Same loop body, same read-ahead, same split
 * and combine as {@code DecodeAttentionKernel}, whose comment says why they are written as they are.
 *
 * <p>Why: on the 2-core Zen 5 VM a row with four queries ran at its arithmetic's time plus its memory's (GQA at S
 * 16k, batch 8: 9.4-9.7 ms, where OverlapKernel's 4-query loop takes 6.1-6.5 ms on cache-resident rows and the
 * rows' bytes at the triad's bandwidth 3.2 ms), while rows with two queries overlap the two (session 38). Two
 * queries a pass over tiles of 512 rows: 8.5-8.6 ms in the same rounds (tiles of 256 rows 8.8-9.0; passes over the
 * whole chunk 8.5-8.6, but a chunk of more than 2,048 rows, at S above 32k, would not stay in a 1 MiB L2); 7.9-8.1
 * once the passes after the first read no rows ahead (8.4-8.6 in those rounds). A kernel of its own, as the same
 * loop nest in {@code DecodeAttentionKernel} cost its one-query rows a third (MHA 11.2-11.8 -> 16.3-16.9 ms, xSQA
 * 2.8-2.9 -> 4.2-4.4): PoCL's code for that loop shifts with any change around it (see
 * {@code DecodeAttentionKernel}).
 *
 * <p>Layouts: q and o [B][H_q][d] (the new token), k and v [B][H_kv][S][d].
 */
public class PairedDecodeAttentionKernel extends DecodeAttentionKernel {

    /** Query heads a pass over a tile, as the simulator prices the loop. */
    public static final int QUERIES_A_PASS = DecodeTile.CPU_HEADS_A_PASS;
    /** Bytes of keys and values in a tile: 512 rows at d 64, half a Zen 4's or Zen 5's L2. */
    public static final int TILE_BYTES = 256 << 10;

    /** Rows of {@link #TILE_BYTES}, and {@link #QUERIES_A_PASS}: fields, as measured. */
    final int tileRows;
    final int queriesAPass;

    public PairedDecodeAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, k, v, o);
        this.tileRows = Math.max(4, TILE_BYTES / (2 * a.headDim() * Float.BYTES));
        this.queriesAPass = QUERIES_A_PASS;
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
        int lastRow = kvBase + (end - 1) * headDim;
        float ahead = 0f;
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
                    // Only the first pass reads ahead: the others find the rows in the cache.
                    ahead = readAhead(ahead, r0, lastRow, g0);
                    for (int g = g0; g < gEnd; g++) {
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
                            partialAcc[slot * headDim + c] = partialAcc[slot * headDim + c] * correction
                                    + p0 * v[r0 + c] + p1 * v[r1 + c] + p2 * v[r2 + c] + p3 * v[r3 + c];
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
                            s += q[qBase + c] * k[row + c];
                        }
                        s = s * scale;
                        float mOld = partialMax[slot];
                        float mNew = max(mOld, s);
                        float correction = exp(mOld - mNew);
                        float p = exp(s - mNew);
                        partialSum[slot] = partialSum[slot] * correction + p;
                        for (int c = 0; c < headDim; c++) {
                            partialAcc[slot * headDim + c] = partialAcc[slot * headDim + c] * correction
                                    + p * v[row + c];
                        }
                        partialMax[slot] = mNew;
                    }
                }
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

    /**
     * {@code ahead} and, in the first pass over a tile ({@code g0} 0), a float of every line of the four key rows
     * {@link #aheadRows} on from row {@code r0}: their max (see {@link DecodeAttentionKernel} for why a max).
     */
    float readAhead(float ahead, int r0, int lastRow, int g0) {
        float m = ahead;
        for (int t = 0; g0 == 0 && t < 4 * headDim; t += LineStart.LINE_FLOATS) {
            m = max(m, k[min(r0 + aheadRows * headDim + t, lastRow)]);
        }
        return m;
    }
}
