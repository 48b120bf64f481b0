package org.attnsim.sim.cost;

/**
 * Device memory a step needs, in bytes.
 *
 * @param weightBytes        model weights in the workload's dtype
 * @param trainingStateBytes gradients and Adam state when training (fp32 master weights, m and v)
 * @param activationBytes    activations saved for backward when training; the largest live ones otherwise
 * @param kvCacheBytes       the KV cache (prefill and decode), including SparQ's second copy of K
 * @param scoreBytes         S x S scores materialised by naive attention
 * @param capacityBytes      the device memory of the hardware profile
 */
public record Footprint(double weightBytes, double trainingStateBytes, double activationBytes, double kvCacheBytes,
        double scoreBytes, double capacityBytes) {

    public double totalBytes() {
        return weightBytes + trainingStateBytes + activationBytes + kvCacheBytes + scoreBytes;
    }

    public boolean fits() {
        return totalBytes() <= capacityBytes;
    }
}
