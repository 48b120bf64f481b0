package org.attnsim.sim.roofline;

/**
 * Arithmetic and device-memory traffic that overlap in part: t = (t_compute^p + t_memory^p)^(1/p). The
 * exponent p is measured (calibrate's OverlapKernel): p = 1 is their sum, no overlap; as p grows the time
 * falls to the longer of the two, the roofline's full overlap. A CPU core overlaps its loads with its
 * arithmetic only as far as its prefetchers and reorder window reach ahead, so neither extreme holds there
 * (the ECM model's split into overlapping and non-overlapping time: Stengel, Treibig, Hager and Wellein,
 * ICS 2015); the p-norm is attnsim's one-parameter interpolation between the two, fitted per device.
 *
 * <p>Below p = 1 the time runs past the sum: t = t_compute + t_memory / p, the memory stream at p of the bandwidth
 * the roofline prices it at, behind arithmetic that does not overlap it at all. On the 2-core VM the measured
 * loop took longer than its arithmetic and its bytes at a triad's bandwidth added, in more than half the rounds of
 * three runs of fourteen (session 36), and dense decoding then ran 2-29% slower than the sum predicted. The two
 * pieces meet at p = 1 and the time falls as p rises through both, so a median of exponents keeps its meaning.
 */
public final class Overlap {

    private Overlap() {
    }

    /**
     * (compute^p + memory^p)^(1/p), scaled by the larger time so that a large p cannot overflow; below p = 1,
     * compute + memory / p.
     */
    public static double seconds(double compute, double memory, double exponent) {
        if (exponent < 1) {
            return compute + memory / exponent;
        }
        double longer = Math.max(compute, memory);
        if (longer <= 0) {
            return 0;
        }
        return longer * Math.pow(1 + Math.pow(Math.min(compute, memory) / longer, exponent), 1 / exponent);
    }
}
