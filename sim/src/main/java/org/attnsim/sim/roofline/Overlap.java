package org.attnsim.sim.roofline;

/**
 * Arithmetic and device-memory traffic that overlap in part: t = (t_compute^p + t_memory^p)^(1/p). The
 * exponent p is measured (calibrate's OverlapKernel): p = 1 is their sum, no overlap; as p grows the time
 * falls to the longer of the two, the roofline's full overlap. A CPU core overlaps its loads with its
 * arithmetic only as far as its prefetchers and reorder window reach ahead, so neither extreme holds there
 * (the ECM model's split into overlapping and non-overlapping time: Stengel, Treibig, Hager and Wellein,
 * ICS 2015); the p-norm is attnsim's one-parameter interpolation between the two, fitted per device.
 */
public final class Overlap {

    private Overlap() {
    }

    /** (compute^p + memory^p)^(1/p), scaled by the larger time so that a large p cannot overflow. */
    public static double seconds(double compute, double memory, double exponent) {
        double longer = Math.max(compute, memory);
        if (longer <= 0) {
            return 0;
        }
        return longer * Math.pow(1 + Math.pow(Math.min(compute, memory) / longer, exponent), 1 / exponent);
    }
}
