package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * SparQ stage 1 (Ribar et al. 2024, Algorithm 1, lines 1-2) for one (batch, KV head) per work-group:
 * the r largest components of |q| summed over the query group (ties to the lower index), each head's
 * temperature tau = sqrt(d ||q[i1]||_1 / ||q||_1), approximate scores q[i1] . K[j, i1] / tau over all
 * positions (from the d-major copy of K when stored twice, strided otherwise), each head's softmax
 * statistics, and the scores summed over the group, which select the rows.
 */
public final class SparqScoresKernel extends Kernel {

    public static final int LOCAL = 16;

    final float[] q;
    final float[] k;
    final float[] kt;
    final int[] i1;
    final float[] tau;
    final float[] groupScores;
    final float[] headMax;
    final float[] headSum;
    final int queryHeads;
    final int kvHeads;
    final int keyLength;
    final int headDim;
    final int r;
    final int keyTwice;
    final int groupSize;

    @Local final int[] selected;
    @Local final float[] taus;
    @Local final float[] itemMax;
    @Local final float[] itemSum;

    public SparqScoresKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, int[] i1, float[] tau,
            float[] groupScores, float[] headMax, float[] headSum) {
        this.q = q;
        this.k = k;
        this.kt = kt;
        this.i1 = i1;
        this.tau = tau;
        this.groupScores = groupScores;
        this.headMax = headMax;
        this.headSum = headSum;
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.r = s.r();
        this.keyTwice = s.keyTwice() ? 1 : 0;
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.selected = new int[s.r()];
        this.taus = new float[groupSize];
        this.itemMax = new float[LOCAL * groupSize];
        this.itemSum = new float[LOCAL * groupSize];
    }

    /** q[i1] . K[j, i1] / tau for head g of the group. */
    float approximate(int b, int kvh, int g, int j, int kBase) {
        int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
        float s = 0f;
        for (int t = 0; t < r; t++) {
            int c = selected[t];
            float key = keyTwice == 1 ? kt[kBase + c * keyLength + j] : k[kBase + j * headDim + c];
            s += q[qBase + c] * key;
        }
        return s / taus[g];
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int gid = getGroupId();
        int b = gid / kvHeads;
        int kvh = gid % kvHeads;
        if (lid == 0) {
            for (int t = 0; t < r; t++) {
                int best = -1;
                float bestValue = -1f;
                for (int c = 0; c < headDim; c++) {
                    int taken = 0;
                    for (int u = 0; u < t; u++) {
                        if (selected[u] == c) {
                            taken = 1;
                        }
                    }
                    if (taken == 0) {
                        float sum = 0f;
                        for (int g = 0; g < groupSize; g++) {
                            sum += abs(q[(b * queryHeads + kvh * groupSize + g) * headDim + c]);
                        }
                        if (sum > bestValue) {
                            bestValue = sum;
                            best = c;
                        }
                    }
                }
                selected[t] = best;
                i1[gid * r + t] = best;
            }
            for (int g = 0; g < groupSize; g++) {
                int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
                float all = 0f;
                float part = 0f;
                for (int c = 0; c < headDim; c++) {
                    all += abs(q[qBase + c]);
                }
                for (int t = 0; t < r; t++) {
                    part += abs(q[qBase + selected[t]]);
                }
                float value = sqrt(headDim * part / all);
                taus[g] = value;
                tau[b * queryHeads + kvh * groupSize + g] = value;
            }
        }
        localBarrier();
        for (int g = 0; g < groupSize; g++) {
            itemMax[lid * groupSize + g] = -1e30f;
            itemSum[lid * groupSize + g] = 0f;
        }
        int chunk = (keyLength + LOCAL - 1) / LOCAL;
        int start = lid * chunk;
        int end = min(keyLength, start + chunk);
        int kBase = gid * keyLength * headDim;
        // One pass: each head's softmax statistics kept online (running maximum and rescaled sum).
        for (int j = start; j < end; j++) {
            float total = 0f;
            for (int g = 0; g < groupSize; g++) {
                float s = approximate(b, kvh, g, j, kBase);
                total += s;
                int slot = lid * groupSize + g;
                float mOld = itemMax[slot];
                float mNew = max(mOld, s);
                itemSum[slot] = itemSum[slot] * exp(mOld - mNew) + exp(s - mNew);
                itemMax[slot] = mNew;
            }
            groupScores[gid * keyLength + j] = total;
        }
        localBarrier();
        if (lid < groupSize) {
            float m = -1e30f;
            for (int u = 0; u < LOCAL; u++) {
                m = max(m, itemMax[u * groupSize + lid]);
            }
            float sum = 0f;
            for (int u = 0; u < LOCAL; u++) {
                sum += itemSum[u * groupSize + lid] * exp(itemMax[u * groupSize + lid] - m);
            }
            headMax[b * queryHeads + kvh * groupSize + lid] = m;
            headSum[b * queryHeads + kvh * groupSize + lid] = sum;
        }
    }
}
