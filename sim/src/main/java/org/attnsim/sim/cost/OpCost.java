package org.attnsim.sim.cost;

/**
 * The work of one operation (usually one kernel, or a few fused ones), for a single repetition.
 *
 * @param matrixFlops  FLOPs on the matrix unit (tensor cores; the FMA pipes of a CPU)
 * @param vectorOps    instructions per element summed over elements on the FP32/INT32 vector lanes
 *                     (max, add, fused multiply-add, convert, random bits, ...)
 * @param exponentials exponentials on the special-function unit
 * @param deviceBytes  bytes read and written at device memory (HBM, DRAM)
 * @param cacheBytes   bytes served by the last-level cache, misses included (so at least deviceBytes)
 * @param tiles        independent work items the kernel offers to the SMs or cores
 * @param launches     kernel launches
 * @param repeats      how many times the op runs in the step (layers)
 * @param padding      executed / counted compute work: a tiled kernel computes whole tiles and masks
 *                     the rest, so timing uses the padded work while FLOP counts keep the convention
 * @param dependentPasses sequential passes each work item makes, each waiting a memory round trip
 *                     (0 for ops whose latency is hidden)
 * @param residentPerUnit work items one SM or core runs at once, for {@code dependentPasses}
 */
public record OpCost(
        String name,
        OpGroup group,
        Pass pass,
        double matrixFlops,
        double vectorOps,
        double exponentials,
        double deviceBytes,
        double cacheBytes,
        double tiles,
        int launches,
        int repeats,
        double padding,
        double dependentPasses,
        int residentPerUnit) {

    /** An op whose executed work is exactly its counted work. */
    public OpCost(String name, OpGroup group, Pass pass, double matrixFlops, double vectorOps, double exponentials,
            double deviceBytes, double cacheBytes, double tiles, int launches, int repeats) {
        this(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles, launches,
                repeats, 1.0, 0, 1);
    }

    /** An op with tile padding and no dependent passes. */
    public OpCost(String name, OpGroup group, Pass pass, double matrixFlops, double vectorOps, double exponentials,
            double deviceBytes, double cacheBytes, double tiles, int launches, int repeats, double padding) {
        this(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles, launches,
                repeats, padding, 0, 1);
    }

    public OpCost withRepeats(int times) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, times, padding, dependentPasses, residentPerUnit);
    }

    /** All FLOPs of one repetition: matrix FLOPs plus vector operations, one FLOP each. */
    public double flops() {
        return matrixFlops + vectorOps;
    }
}
