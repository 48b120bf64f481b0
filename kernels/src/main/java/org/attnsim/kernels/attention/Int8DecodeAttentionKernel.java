package org.attnsim.kernels.attention;

import com.aparapi.Kernel;
import org.attnsim.kernels.device.LineStart;

/**
 * {@link DecodeAttentionKernel} over a KV cache in int8 ({@link Int8Cache}: one scale per tensor): the same chunks,
 * tiles of the same rows, passes and reads ahead of the arithmetic, each element converted to a float as the dot
 * product or the accumulator's update reads it. The key scale is folded into the scores' scale and the value scale
 * into the output's last division, so an element costs its conversion alone.
 *
 * <p>Layouts: q and o [B][H_q][d] (fp32, the new token), k and v [B][H_kv][S][d] (int8).
 */
public final class Int8DecodeAttentionKernel extends Kernel {

    final float[] q;
    final byte[] k;
    final byte[] v;
    final float[] o;
    final int queryHeads;
    final int kvHeads;
    final int keyLength;
    final int headDim;
    final int groupSize;
    /** 1 / sqrt(d) times the key scale. */
    final float keyScale;
    final float valueScale;
    /** The rows of a tile of {@link DecodeAttentionKernel}'s, and its query heads a pass. */
    final int tileRows;
    final int queriesAPass;
    @Local final float[] partialAcc;
    @Local final float[] partialMax;
    @Local final float[] partialSum;

    public Int8DecodeAttentionKernel(AttentionShapeArgs a, float[] q, Int8Cache k, Int8Cache v, float[] o) {
        if (a.queryLength() != 1) {
            throw new IllegalArgumentException("decode attends one query position, not " + a.queryLength());
        }
        this.q = q;
        this.k = k.values();
        this.v = v.values();
        this.o = o;
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.keyScale = (float) (k.scale() / Math.sqrt(a.headDim()));
        this.valueScale = v.scale();
        this.tileRows = Math.max(4, DecodeAttentionKernel.TILE_BYTES / (2 * a.headDim() * Float.BYTES));
        this.queriesAPass = DecodeAttentionKernel.QUERIES_A_PASS;
        int splits = DecodeAttentionKernel.SPLITS;
        this.partialAcc = new float[splits * groupSize * headDim];
        this.partialMax = new float[splits * groupSize];
        this.partialSum = new float[splits * groupSize];
    }

    @Override
    public void run() {
        int split = getLocalId();
        int bh = getGroupId();
        int b = bh / kvHeads;
        int kvh = bh % kvHeads;
        int chunk = (keyLength + DecodeAttentionKernel.SPLITS - 1) / DecodeAttentionKernel.SPLITS;
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
                            s0 += x * k[r0 + c];
                            s1 += x * k[r1 + c];
                            s2 += x * k[r2 + c];
                            s3 += x * k[r3 + c];
                        }
                        s0 = s0 * keyScale;
                        s1 = s1 * keyScale;
                        s2 = s2 * keyScale;
                        s3 = s3 * keyScale;
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
                        s = s * keyScale;
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
        if (touched < -1f) {
            o[0] = touched;
        }
        localBarrier();
        // Combine: work item t finishes the output elements t, t + SPLITS, ... of the group.
        for (int e = split; e < groupSize * headDim; e += DecodeAttentionKernel.SPLITS) {
            int g = e / headDim;
            int c = e % headDim;
            float m = -1e30f;
            for (int sIdx = 0; sIdx < DecodeAttentionKernel.SPLITS; sIdx++) {
                m = max(m, partialMax[sIdx * groupSize + g]);
            }
            float sum = 0f;
            float acc = 0f;
            for (int sIdx = 0; sIdx < DecodeAttentionKernel.SPLITS; sIdx++) {
                int slot = sIdx * groupSize + g;
                float w = exp(partialMax[slot] - m);
                sum += partialSum[slot] * w;
                acc += partialAcc[slot * headDim + c] * w;
            }
            o[(b * queryHeads + kvh * groupSize + g) * headDim + c] = acc / sum * valueScale;
        }
    }

    /** {@code touched} and, in the first pass over four rows, a byte of every line of the four key and value rows. */
    float touchRows(float touched, int r0, int g0) {
        float m = touched;
        for (int t = 0; g0 == 0 && t < 4 * headDim; t += LineStart.LINE_BYTES) {
            m = max(m, k[r0 + t]);
            m = max(m, v[r0 + t]);
        }
        return m;
    }
}
