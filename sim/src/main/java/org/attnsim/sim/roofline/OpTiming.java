package org.attnsim.sim.roofline;

import org.attnsim.sim.cost.OpCost;

/**
 * The predicted time of one operation, all repeats included, and the time each unit alone would need
 * for one repeat (0 where the op has no such work).
 *
 * @param pageRunSeconds time of the page-sized reads that a CPU work item makes in a loop of their own
 *                       (part of the compute time, since they do not overlap it; 0 elsewhere), at the page-run
 *                       bandwidth: what a core alone reads faster
 * @param passLoopSeconds time of the columns that K-twice scores read in passes after the first, at the rate of that
 *                       loop where the profile measured it (part of the compute time likewise; 0 elsewhere)
 * @param launchSeconds  the op's launches' latency and host time, before any of its work runs
 * @param startSeconds   what the op's code and state take to come back into the caches after other work, while its
 *                       work runs (0 where the launch-after-work term is off or the profile has no figure)
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
        double pageRunSeconds,
        double passLoopSeconds,
        double launchSeconds,
        double startSeconds,
        double waveEfficiency) {
}
