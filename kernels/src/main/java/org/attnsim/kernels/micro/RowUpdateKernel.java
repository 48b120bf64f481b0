package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * FMAs in a vectorisable inner loop, the value update of attnsim's attention kernels: each work item
 * adds four weighted rows of {@value #LENGTH} floats into its accumulator row (all cache-resident), again
 * and again with new weights. Eight FLOPs per element and pass.
 */
public final class RowUpdateKernel extends Kernel {
    public static final int LENGTH = 64;
    /** Rows per work item: the accumulator and the four it adds. */
    public static final int ROWS = 5;

    final float[] rows;
    final float[] out;
    final int iterations;

    /** {@code rows} holds five rows per work item: [items][5][LENGTH], the accumulator first. */
    public RowUpdateKernel(float[] rows, float[] out, int iterations) {
        this.rows = rows;
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int acc = i * ROWS * LENGTH;
        int r0 = acc + LENGTH;
        int r1 = r0 + LENGTH;
        int r2 = r1 + LENGTH;
        int r3 = r2 + LENGTH;
        float p0 = 0.25f;
        float p1 = 0.5f;
        float p2 = 0.75f;
        float p3 = 1f;
        for (int t = 0; t < iterations; t++) {
            for (int c = 0; c < LENGTH; c++) {
                rows[acc + c] += p0 * rows[r0 + c] + p1 * rows[r1 + c] + p2 * rows[r2 + c] + p3 * rows[r3 + c];
            }
            p0 = p0 * 0.99f;
            p1 = p1 * 0.98f;
            p2 = p2 * 0.97f;
            p3 = p3 * 0.96f;
        }
        out[i] = rows[acc + i % LENGTH];
    }
}
