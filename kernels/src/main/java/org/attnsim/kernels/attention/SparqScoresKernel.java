package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * SparQ stage 1 (Ribar et al. 2024, Algorithm 1, lines 1-2) for one (batch, KV head) per work-group:
 * the r largest components of |q| summed over the query group (ties to the lower index), each head's
 * temperature tau = sqrt(d ||q[i1]||_1 / ||q||_1), approximate scores q[i1] . K[j, i1] / tau over all
 * positions (streamed column by column from the d-major copy of K when stored twice, gathered from
 * each row otherwise) into a scratch row per head, each head's softmax statistics, and the scores
 * summed over the group, which select the rows.
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
    final float[] headScores;
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
            float[] groupScores, float[] headMax, float[] headSum, float[] headScores) {
        this.q = q;
        this.k = k;
        this.kt = kt;
        this.i1 = i1;
        this.tau = tau;
        this.groupScores = groupScores;
        this.headMax = headMax;
        this.headSum = headSum;
        this.headScores = headScores;
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
        // Each head's approximate scores into its scratch row. With K stored twice every selected column
        // is streamed contiguously; stored once, each position's row is read for its r components.
        for (int g = 0; g < groupSize; g++) {
            int h = b * queryHeads + kvh * groupSize + g;
            int qBase = h * headDim;
            int row = h * keyLength;
            float inv = 1f / taus[g];
            if (keyTwice == 1) {
                for (int j = start; j < end; j++) {
                    headScores[row + j] = 0f;
                }
                for (int t = 0; t < r; t++) {
                    int c = selected[t];
                    float w = q[qBase + c] * inv;
                    int col = kBase + c * keyLength;
                    for (int j = start; j < end; j++) {
                        headScores[row + j] += w * kt[col + j];
                    }
                }
            } else {
                for (int j = start; j < end; j++) {
                    float x = 0f;
                    for (int t = 0; t < r; t++) {
                        int c = selected[t];
                        x += q[qBase + c] * k[kBase + j * headDim + c];
                    }
                    headScores[row + j] = x * inv;
                }
            }
            // Softmax statistics over this chunk: the maximum, then one exponential per position.
            float m = -1e30f;
            for (int j = start; j < end; j++) {
                m = max(m, headScores[row + j]);
            }
            float sum = 0f;
            for (int j = start; j < end; j++) {
                sum += exp(headScores[row + j] - m);
            }
            itemMax[lid * groupSize + g] = m;
            itemSum[lid * groupSize + g] = sum;
        }
        for (int j = start; j < end; j++) {
            float total = 0f;
            for (int g = 0; g < groupSize; g++) {
                total += headScores[(b * queryHeads + kvh * groupSize + g) * keyLength + j];
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
