package org.attnsim.sim.roofline;

import org.attnsim.sim.cost.OpCost;

/**
 * The predicted time of one operation, all repeats included, and the time each unit alone would need
 * for one repeat (0 where the op has no such work).
 *
 * @param waveEfficiency the fraction of unit-slots busy over the waves (1 when wave quantisation is off)
 */
public record OpTiming(
        OpCost op,
        double seconds,
        Bound bound,
        double matrixSeconds,
        double vectorSeconds,
        double exponentialSeconds,
        double memorySeconds,
        double cacheSeconds,
        double latencySeconds,
        double launchSeconds,
        double waveEfficiency) {
}
