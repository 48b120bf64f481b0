package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Per-item histograms: each work item counts its own {@code perItem} values, {@code rounds} times over, into
 * a {@value #BUCKETS}-bucket histogram of its own in local memory, each value's bucket found by a multiply
 * and a clamp, as SparQ's top-k counts its column maxima and its pool. Each count is a load, an add and a
 * store at an address that depends on the value, which a CPU OpenCL compiler cannot vectorise across work
 * items: this is the rate of scalar per-item code. The histograms are written out after a barrier, as the
 * top-k sums its items' histograms after one: under PoCL the same loop ran at 9 cycles a value in a kernel
 * with a barrier and at 4 in one without.
 */
public final class HistogramKernel extends Kernel {

    public static final int BUCKETS = 256;
    /** Work items per group, each with a histogram of its own. */
    public static final int GROUP = 16;
    /**
     * Values from LOW on, SCALE buckets per unit: [-4, 4) in buckets 1/32 wide, exact in fp32. The kernel takes
     * them as arguments, as the top-k takes bounds it finds at run time: as constants the compiler folds them
     * into the conversion, and the loop ran twice as fast as the top-k's.
     */
    public static final float LOW = -4f;
    public static final float SCALE = 32f;
    /**
     * Instructions per value, counted as the model counts the top-k's: load the value, subtract, multiply,
     * convert, clamp twice, the count's address, its load, add and store, and the loop's increment, compare
     * and branch.
     */
    public static final int OPS_PER_VALUE = 13;

    final float[] values;
    final int[] counts;
    final int perItem;
    final int rounds;
    final float low = LOW;
    final float scale = SCALE;
    @Local final int[] histogram = new int[GROUP * BUCKETS];

    public HistogramKernel(float[] values, int[] counts, int perItem, int rounds) {
        this.values = values;
        this.counts = counts;
        this.perItem = perItem;
        this.rounds = rounds;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int h = getLocalId() * BUCKETS;
        for (int b = 0; b < BUCKETS; b++) {
            histogram[h + b] = 0;
        }
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < perItem; j++) {
                int bkt = (int) ((values[i * perItem + j] - low) * scale);
                histogram[h + min(BUCKETS - 1, max(0, bkt))] += 1;
            }
        }
        localBarrier();
        for (int b = 0; b < BUCKETS; b++) {
            counts[i * BUCKETS + b] = histogram[h + b];
        }
    }
}
