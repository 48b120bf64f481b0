package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Exponentials in a loop of their own, as attnsim's forward and SparQ kernels take them: each work item
 * turns its cache-resident row of {@value #LENGTH} scores into probabilities (written to a second row)
 * and sums them, again and again, each pass shifted by the running total so that no two passes overlap.
 * Where the compiler may reassociate the sum (-cl-fast-relaxed-math) the loop is vectorised.
 */
public final class RowExpKernel extends Kernel {
    public static final int LENGTH = 64;

    final float[] rows;
    final float[] probabilities;
    final float[] out;
    final int iterations;

    /** {@code rows} and {@code probabilities} hold one row per work item: [items][LENGTH]. */
    public RowExpKernel(float[] rows, float[] probabilities, float[] out, int iterations) {
        this.rows = rows;
        this.probabilities = probabilities;
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int a = i * LENGTH;
        float total = 0f;
        for (int t = 0; t < iterations; t++) {
            float shift = total * 1e-6f;
            float sum = 0f;
            for (int c = 0; c < LENGTH; c++) {
                float p = exp(rows[a + c] - shift);
                probabilities[a + c] = p;
                sum += p;
            }
            total += sum;
        }
        out[i] = total;
    }
}
