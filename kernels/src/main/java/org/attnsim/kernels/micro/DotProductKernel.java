package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * A dot product kept in one accumulator, the inner loop of attnsim's attention kernels: each work item
 * takes the dot product of its two rows of {@value #LENGTH} floats (cache-resident) again and again,
 * each time after writing the running total into its first row, so that no two dot products overlap.
 * Built as a chain of dependent FMAs it runs at the FMA latency; where the compiler may reassociate
 * (-cl-fast-relaxed-math) it becomes vector partial sums. Each FMA is two FLOPs.
 */
public final class DotProductKernel extends Kernel {
    public static final int LENGTH = 64;

    final float[] rows;
    final float[] out;
    final int iterations;

    /** {@code rows} holds two rows per work item: [items][2][LENGTH]. */
    public DotProductKernel(float[] rows, float[] out, int iterations) {
        this.rows = rows;
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int a = i * 2 * LENGTH;
        int b = a + LENGTH;
        float total = 0f;
        for (int t = 0; t < iterations; t++) {
            float s = 0f;
            for (int c = 0; c < LENGTH; c++) {
                s += rows[a + c] * rows[b + c];
            }
            total += s;
            rows[a] = total * 1e-3f;
        }
        out[i] = total;
    }
}
