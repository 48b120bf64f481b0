package org.attnsim.sim.cost;

/**
 * The SparQ paper's own count of elements transferred per head per generated token (Ribar et al.,
 * ICML 2024, section 4, "Computational cost"): dense attention reads 2 S d_h + 2 d_h, SparQ reads
 * S r + 2 k d_h + 4 d_h. The ratio of the two is the theoretical speed-up of a bandwidth-bound step.
 */
public final class SparqTransfer {

    private SparqTransfer() {
    }

    public static double denseElements(long seqLen, int headDim) {
        return 2.0 * seqLen * headDim + 2.0 * headDim;
    }

    public static double sparqElements(long seqLen, int headDim, int r, int k) {
        return (double) seqLen * r + 2.0 * k * headDim + 4.0 * headDim;
    }

    /** SparQ / dense: the fraction of the dense transfer that SparQ still reads. */
    public static double compressionRatio(long seqLen, int headDim, int r, int k) {
        return sparqElements(seqLen, headDim, r, k) / denseElements(seqLen, headDim);
    }
}
