package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * SparQ stage 2 (Algorithm 1, line 3) for one (batch, KV head) per work-group: the last {@code window}
 * positions, then the k - window largest group scores among the others. The k-th largest value is found
 * by bisection on the value (each step a parallel count and a local reduction); positions are then
 * collected in index order, ties at the threshold going to the lower index.
 */
public final class SparqTopKKernel extends Kernel {

    public static final int LOCAL = 16;
    static final int BISECTION_STEPS = 48;

    final float[] groupScores;
    final int[] i2;
    final int keyLength;
    final int k;
    final int window;

    @Local final int[] counts;
    @Local final float[] bounds;

    public SparqTopKKernel(AttentionShapeArgs a, SparqArgs s, float[] groupScores, int[] i2) {
        this.groupScores = groupScores;
        this.i2 = i2;
        this.keyLength = a.keyLength();
        this.k = s.k();
        this.window = s.window();
        this.counts = new int[LOCAL];
        this.bounds = new float[2];
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int gid = getGroupId();
        int base = gid * keyLength;
        int candidates = keyLength - window;
        int need = k - window;
        int chunk = (candidates + LOCAL - 1) / LOCAL;
        int start = lid * chunk;
        int end = min(candidates, start + chunk);
        if (lid == 0) {
            float lo = 1e30f;
            float hi = -1e30f;
            for (int j = 0; j < candidates; j++) {
                lo = min(lo, groupScores[base + j]);
                hi = max(hi, groupScores[base + j]);
            }
            bounds[0] = lo - 1f;
            bounds[1] = hi;
        }
        localBarrier();
        // Invariant: more than `need` candidates exceed bounds[0]; at most `need` exceed bounds[1].
        for (int step = 0; step < BISECTION_STEPS; step++) {
            float mid = 0.5f * (bounds[0] + bounds[1]);
            int count = 0;
            for (int j = start; j < end; j++) {
                if (groupScores[base + j] > mid) {
                    count++;
                }
            }
            counts[lid] = count;
            localBarrier();
            if (lid == 0) {
                int total = 0;
                for (int u = 0; u < LOCAL; u++) {
                    total += counts[u];
                }
                if (total >= need) {
                    bounds[0] = mid;
                } else {
                    bounds[1] = mid;
                }
            }
            localBarrier();
        }
        if (lid == 0) {
            int n = 0;
            float above = bounds[1];
            for (int j = 0; j < candidates; j++) {
                if (groupScores[base + j] > above && n < need) {
                    i2[gid * k + n] = j;
                    n++;
                }
            }
            for (int j = 0; j < candidates; j++) {
                float s = groupScores[base + j];
                if (s <= above && s > bounds[0] && n < need) {
                    i2[gid * k + n] = j;
                    n++;
                }
            }
            for (int j = candidates; j < keyLength; j++) {
                i2[gid * k + n] = j;
                n++;
            }
        }
    }
}
