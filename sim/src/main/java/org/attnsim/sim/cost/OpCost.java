package org.attnsim.sim.cost;

/**
 * The work of one operation (usually one kernel, or a few fused ones), for a single repetition.
 *
 * @param matrixFlops  FLOPs on the matrix unit (tensor cores; the FMA pipes of a CPU)
 * @param vectorFlops  FLOPs on the FP32 vector unit (max, add, scale, convert, ...)
 * @param exponentials exponentials on the special-function unit
 * @param deviceBytes  bytes read and written at device memory (HBM, DRAM)
 * @param cacheBytes   bytes served by the last-level cache, misses included (so at least deviceBytes)
 * @param tiles        independent work items the kernel offers to the SMs or cores
 * @param launches     kernel launches
 * @param repeats      how many times the op runs in the step (layers)
 * @param padding      executed / counted compute work: a tiled kernel computes whole tiles and masks
 *                     the rest, so timing uses the padded work while FLOP counts keep the convention
 */
public record OpCost(
        String name,
        OpGroup group,
        Pass pass,
        double matrixFlops,
        double vectorFlops,
        double exponentials,
        double deviceBytes,
        double cacheBytes,
        double tiles,
        int launches,
        int repeats,
        double padding) {

    /** An op whose executed work is exactly its counted work. */
    public OpCost(String name, OpGroup group, Pass pass, double matrixFlops, double vectorFlops, double exponentials,
            double deviceBytes, double cacheBytes, double tiles, int launches, int repeats) {
        this(name, group, pass, matrixFlops, vectorFlops, exponentials, deviceBytes, cacheBytes, tiles, launches,
                repeats, 1.0);
    }

    public OpCost withRepeats(int times) {
        return new OpCost(name, group, pass, matrixFlops, vectorFlops, exponentials, deviceBytes, cacheBytes, tiles,
                launches, times, padding);
    }

    /** All FLOPs of one repetition, matrix and vector. */
    public double flops() {
        return matrixFlops + vectorFlops;
    }
}
