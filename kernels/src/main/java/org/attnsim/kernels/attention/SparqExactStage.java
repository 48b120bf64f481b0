package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * SparQ stage 3 (Algorithm 1, lines 4-5), one work item per query head of the group (an item takes
 * every LOCAL-th head): exact attention over the k gathered rows of K and V, alpha = the head's
 * approximate softmax mass on those rows (recomputed from q[i1] and the rows just read), and
 * y = alpha (s . V[i2]) + (1 - alpha) v_bar when mean-value reallocation is on.
 */
abstract class SparqExactStage extends SparqTopKStage {

    final float[] v;
    final float[] vbar;
    final float[] o;
    final int meanValue;
    final float scale;

    @Local final float[] acc;
    @Local final float[] scaled;
    @Local final float[] exactScores;
    @Local final float[] approxScores;
    @Local final float[] touched;

    SparqExactStage(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, float[] v, float[] vbar) {
        super(a, s, q, k, kt);
        this.v = v;
        this.vbar = vbar;
        this.o = new float[a.queryElements()];
        this.meanValue = s.meanValue() ? 1 : 0;
        this.scale = (float) (1.0 / Math.sqrt(a.headDim()));
        this.acc = new float[groupSize * a.headDim()];
        this.scaled = new float[groupSize * a.headDim()];
        this.exactScores = new float[groupSize * s.k()];
        this.approxScores = new float[groupSize * s.k()];
        this.touched = new float[groupSize];
    }

    void exact() {
        for (int g = getLocalId(); g < groupSize; g += LOCAL) {
            exactForHead(g);
        }
    }

    /** The g-th query head of the work-group's KV head. */
    void exactForHead(int g) {
        int gid = getGroupId();
        int b = gid / kvHeads;
        int kvh = gid % kvHeads;
        int h = b * queryHeads + kvh * groupSize + g;
        int qBase = h * headDim;
        int kvBase = rowStart + gid * keyLength * headDim;
        int mq = g * headDim;
        // q scaled for the exact scores, and q / tau on the r components (0 elsewhere) for the approximate
        // ones, so that both are dense dot products over the row just read.
        float invTau = 1f / tau[h];
        for (int c = 0; c < headDim; c++) {
            acc[mq + c] = 0f;
            scaled[mq + c] = q[qBase + c] * scale;
            masked[mq + c] = 0f;
        }
        for (int u = 0; u < r; u++) {
            int c = i1[gid * r + u];
            masked[mq + c] = q[qBase + c] * invTau;
        }
        // A float of every cache line of every row of K and of V first, all loads independent: each row lies
        // in a page of its own, cold after the scores' stream, and these reads put the page walks and all
        // the rows' lines under way at once instead of four rows at a time. Alternated with the step that read
        // only each row's first float here (one process, 120 rounds, MHA, S 16k, batch 8, K stored twice;
        // session 23): 5-6% faster with the rows on lines (LineStart), 0-2% with either change alone.
        float touch = 0f;
        for (int u = 0; u < k2; u++) {
            int row = kvBase + i2[gid * k2 + u] * headDim;
            for (int c = 0; c < headDim; c += LineStart.LINE_FLOATS) {
                touch += k[row + c] + v[row + c];
            }
        }
        touched[g] = touch;
        // Three passes over the k rows, so that no row waits for the one before: the exact and approximate
        // scores of every row (four rows at a time; only their K rows are read), the probabilities and the
        // approximate mass in a loop of their own, then the value rows weighted into the accumulator.
        int sb = g * k2;
        int t = 0;
        for (; t + 3 < k2; t += 4) {
            int r0 = kvBase + i2[gid * k2 + t] * headDim;
            int r1 = kvBase + i2[gid * k2 + t + 1] * headDim;
            int r2 = kvBase + i2[gid * k2 + t + 2] * headDim;
            int r3 = kvBase + i2[gid * k2 + t + 3] * headDim;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float a0 = 0f;
            float a1 = 0f;
            float a2 = 0f;
            float a3 = 0f;
            for (int c = 0; c < headDim; c++) {
                float x = scaled[mq + c];
                float y = masked[mq + c];
                float k0 = k[r0 + c];
                float k1 = k[r1 + c];
                float k2v = k[r2 + c];
                float k3 = k[r3 + c];
                s0 += x * k0;
                s1 += x * k1;
                s2 += x * k2v;
                s3 += x * k3;
                a0 += y * k0;
                a1 += y * k1;
                a2 += y * k2v;
                a3 += y * k3;
            }
            exactScores[sb + t] = s0;
            exactScores[sb + t + 1] = s1;
            exactScores[sb + t + 2] = s2;
            exactScores[sb + t + 3] = s3;
            approxScores[sb + t] = a0;
            approxScores[sb + t + 1] = a1;
            approxScores[sb + t + 2] = a2;
            approxScores[sb + t + 3] = a3;
        }
        for (; t < k2; t++) {
            int row = kvBase + i2[gid * k2 + t] * headDim;
            float s = 0f;
            float approx = 0f;
            for (int c = 0; c < headDim; c++) {
                s += scaled[mq + c] * k[row + c];
                approx += masked[mq + c] * k[row + c];
            }
            exactScores[sb + t] = s;
            approxScores[sb + t] = approx;
        }
        float m = -1e30f;
        for (int u = 0; u < k2; u++) {
            m = max(m, exactScores[sb + u]);
        }
        float l = 0f;
        float mass = 0f;
        float floor = headMax[h];
        for (int u = 0; u < k2; u++) {
            float p = exp(exactScores[sb + u] - m);
            exactScores[sb + u] = p;
            l += p;
            mass += exp(approxScores[sb + u] - floor);
        }
        t = 0;
        for (; t + 3 < k2; t += 4) {
            int r0 = kvBase + i2[gid * k2 + t] * headDim;
            int r1 = kvBase + i2[gid * k2 + t + 1] * headDim;
            int r2 = kvBase + i2[gid * k2 + t + 2] * headDim;
            int r3 = kvBase + i2[gid * k2 + t + 3] * headDim;
            float p0 = exactScores[sb + t];
            float p1 = exactScores[sb + t + 1];
            float p2 = exactScores[sb + t + 2];
            float p3 = exactScores[sb + t + 3];
            for (int c = 0; c < headDim; c++) {
                acc[mq + c] += p0 * v[r0 + c] + p1 * v[r1 + c] + p2 * v[r2 + c] + p3 * v[r3 + c];
            }
        }
        for (; t < k2; t++) {
            int row = kvBase + i2[gid * k2 + t] * headDim;
            float p = exactScores[sb + t];
            for (int c = 0; c < headDim; c++) {
                acc[mq + c] += p * v[row + c];
            }
        }
        float alpha = mass / headSum[h];
        for (int c = 0; c < headDim; c++) {
            float y = acc[mq + c] / l;
            o[qBase + c] = meanValue == 1 ? alpha * y + (1f - alpha) * vbar[gid * headDim + c] : y;
        }
    }
}
