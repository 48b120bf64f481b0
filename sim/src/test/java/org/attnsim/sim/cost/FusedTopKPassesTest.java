package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused top-k's bucketing passes, simulated as attnsim's SparqTopKStage runs them on independent normal
 * scores, against the model's 2 - e^(-2n / 256): the bound from the n-th largest of the 16 x 16 tiles' column
 * maxima (its bucket's lower edge, lowered a little), the pool of scores at or above it, then passes of 256
 * buckets over the interval that holds the n-th largest until its bucket holds no more than are still needed.
 */
class FusedTopKPassesTest {

    static final int BUCKETS = 256;

    @Test
    void theModelsPassesAreWithinTenPercentOfTheKernelsOnNormalScores() {
        Random random = new Random(11);
        for (int s : new int[] {4096, 16384}) {
            for (int n : new int[] {32, 128, 256}) {
                double mean = 0;
                int groups = 100;
                for (int g = 0; g < groups; g++) {
                    mean += passes(normal(random, s), n) / (double) groups;
                }
                double model = SparqDecode.fusedTopKBoundedPasses(n);
                assertEquals(model, mean, 0.1 * mean, "S " + s + ", n " + n);
            }
        }
    }

    static float[] normal(Random random, int s) {
        float[] x = new float[s];
        for (int i = 0; i < s; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** The bucketing passes the kernel makes over its pool for the n largest of {@code scores}. */
    static int passes(float[] scores, int n) {
        int tiles = scores.length / 256;
        float[] columnMax = new float[tiles * 16];
        for (int t = 0; t < tiles; t++) {
            for (int c = 0; c < 16; c++) {
                float m = -Float.MAX_VALUE;
                for (int row = 0; row < 16; row++) {
                    m = Math.max(m, scores[t * 256 + row * 16 + c]);
                }
                columnMax[t * 16 + c] = m;
            }
        }
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float m : columnMax) {
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        float width = (hi - lo) / BUCKETS;
        int[] counts = new int[BUCKETS];
        for (float m : columnMax) {
            counts[Math.min(BUCKETS - 1, Math.max(0, (int) ((m - lo) / width)))]++;
        }
        int above = 0;
        int chosen = 0;
        for (int b = BUCKETS - 1; b >= 0; b--) {
            if (above < n) {
                above += counts[b];
                chosen = b;
            }
        }
        float edge = lo + chosen * width;
        float bound = edge - width * 0.01f - (Math.abs(edge) + Math.abs(lo)) * 1e-6f;
        int pooled = 0;
        float[] pool = new float[scores.length];
        for (float x : scores) {
            if (x >= bound) {
                pool[pooled++] = x;
            }
        }
        lo = Float.MAX_VALUE;
        hi = -Float.MAX_VALUE;
        for (int i = 0; i < pooled; i++) {
            lo = Math.min(lo, pool[i]);
            hi = Math.max(hi, pool[i]);
        }
        boolean closedTop = true;
        int stillNeeded = n;
        int passes = 0;
        while (passes < 6) {
            passes++;
            float w = (hi - lo) / BUCKETS;
            int[] h = new int[BUCKETS];
            for (int i = 0; i < pooled; i++) {
                float x = pool[i];
                if (x >= lo && (x < hi || (closedTop && x == hi))) {
                    h[w > 0 ? Math.min(BUCKETS - 1, Math.max(0, (int) ((x - lo) / w))) : 0]++;
                }
            }
            int sum = 0;
            int bucket = 0;
            int inBucket = 0;
            for (int b = BUCKETS - 1; b >= 0; b--) {
                if (sum + h[b] >= stillNeeded) {
                    bucket = b;
                    inBucket = h[b];
                    break;
                }
                sum += h[b];
            }
            float newLo = lo + bucket * w;
            float newHi = bucket == BUCKETS - 1 ? hi : lo + (bucket + 1) * w;
            closedTop = closedTop && bucket == BUCKETS - 1;
            stillNeeded -= sum;
            lo = newLo;
            hi = newHi;
            if (inBucket <= stillNeeded || w == 0) {
                break;
            }
        }
        return passes;
    }
}
