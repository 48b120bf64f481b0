package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import org.attnsim.hwmodels.HardwareProfile;

/**
 * A dot product kept in one accumulator, the inner loop of attnsim's attention kernels: each work item
 * takes the dot product of its two rows of {@code length} floats (cache-resident) again and again,
 * each time after writing the running total into its first row, so that no two dot products overlap.
 * Built as a chain of dependent FMAs it runs at the FMA latency; where the compiler may reassociate
 * (-cl-fast-relaxed-math) it becomes vector partial sums, summed at each dot's end. Each FMA is two FLOPs.
 * The length is a field: on PoCL a dot of 64 ran at the same rate as with it a constant (15.3-15.4 GFLOP/s), and one
 * of 128 at 21.0 (session 51).
 */
public final class DotProductKernel extends Kernel {
    /** The length of a profile's {@code dependentFmaRate}. */
    public static final int LENGTH = HardwareProfile.DEPENDENT_DOT_LENGTH;
    /** The length of a profile's {@code dependentFmaRate128}. */
    public static final int LONG_LENGTH = HardwareProfile.LONG_DEPENDENT_DOT_LENGTH;

    final float[] rows;
    final float[] out;
    final int iterations;
    final int length;

    /** {@code rows} holds two rows per work item: [items][2][length]. */
    public DotProductKernel(float[] rows, float[] out, int iterations, int length) {
        this.rows = rows;
        this.out = out;
        this.iterations = iterations;
        this.length = length;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int a = i * 2 * length;
        int b = a + length;
        float total = 0f;
        for (int t = 0; t < iterations; t++) {
            float s = 0f;
            for (int c = 0; c < length; c++) {
                s += rows[a + c] * rows[b + c];
            }
            total += s;
            rows[a] = total * 1e-3f;
        }
        out[i] = total;
    }
}
