package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * SparQ stage 3 (Algorithm 1, lines 4-5), one work item per query head: exact attention over the k
 * gathered rows of K and V, alpha = the head's approximate softmax mass on those rows (recomputed from
 * q[i1] and the rows just read), and y = alpha (s . V[i2]) + (1 - alpha) v_bar when mean-value
 * reallocation is on.
 */
public final class SparqExactKernel extends Kernel {

    final float[] q;
    final float[] k;
    final float[] v;
    final float[] vbar;
    final int[] i1;
    final int[] i2;
    final float[] tau;
    final float[] headMax;
    final float[] headSum;
    final float[] o;
    final int queryHeads;
    final int kvHeads;
    final int keyLength;
    final int headDim;
    final int r;
    final int k2;
    final int meanValue;
    final int groupSize;
    final float scale;

    @Local final float[] acc;

    public SparqExactKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] v, float[] vbar, int[] i1,
            int[] i2, float[] tau, float[] headMax, float[] headSum, float[] o) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.vbar = vbar;
        this.i1 = i1;
        this.i2 = i2;
        this.tau = tau;
        this.headMax = headMax;
        this.headSum = headSum;
        this.o = o;
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.r = s.r();
        this.k2 = s.k();
        this.meanValue = s.meanValue() ? 1 : 0;
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.scale = (float) (1.0 / Math.sqrt(a.headDim()));
        this.acc = new float[groupSize * a.headDim()];
    }

    @Override
    public void run() {
        int g = getLocalId();
        int gid = getGroupId();
        int b = gid / kvHeads;
        int kvh = gid % kvHeads;
        int h = b * queryHeads + kvh * groupSize + g;
        int qBase = h * headDim;
        int kvBase = gid * keyLength * headDim;
        for (int c = 0; c < headDim; c++) {
            acc[g * headDim + c] = 0f;
        }
        float m = -1e30f;
        float l = 0f;
        float mass = 0f;
        for (int t = 0; t < k2; t++) {
            int row = kvBase + i2[gid * k2 + t] * headDim;
            float s = 0f;
            for (int c = 0; c < headDim; c++) {
                s += q[qBase + c] * k[row + c];
            }
            s = s * scale;
            float approx = 0f;
            for (int u = 0; u < r; u++) {
                int c = i1[gid * r + u];
                approx += q[qBase + c] * k[row + c];
            }
            mass += exp(approx / tau[h] - headMax[h]);
            float mNew = max(m, s);
            float correction = exp(m - mNew);
            float p = exp(s - mNew);
            l = l * correction + p;
            for (int c = 0; c < headDim; c++) {
                acc[g * headDim + c] = acc[g * headDim + c] * correction + p * v[row + c];
            }
            m = mNew;
        }
        float alpha = mass / headSum[h];
        for (int c = 0; c < headDim; c++) {
            float y = acc[g * headDim + c] / l;
            o[qBase + c] = meanValue == 1 ? alpha * y + (1f - alpha) * vbar[gid * headDim + c] : y;
        }
    }
}
