package org.attnsim.sim.cost;

/**
 * Builders for the non-attention operations: linear layers (GEMMs) and element-wise kernels.
 *
 * <p>A linear layer of {@code rows} x {@code in} -> {@code out} costs 2 x rows x in x out FLOPs forward
 * and twice that backward (dX = dY W^T and dW = X^T dY), and reads its input and weights once and
 * writes its output once (a well-blocked GEMM; Kaplan et al. 2020 and FlashAttention use the same
 * FLOP count). Element-wise kernels move their operands once per pass.
 */
final class LayerOps {

    /** Output tile edge of a GEMM: output tiles = ceil(rows / 128) x ceil(out / 128). */
    static final int GEMM_TILE = 128;
    /** The shortest slice of the inner dimension a split-K GEMM gives one work item. */
    static final int SPLIT_K_MIN_SLICE = 256;
    /** Elements one work item of an element-wise kernel handles (256 threads x 16 elements). */
    static final double ELEMENTS_PER_TILE = 4096;
    /** Element-wise backward: reads the saved input and the incoming gradient, writes one gradient. */
    static final double ELEMENTWISE_BACKWARD_BYTES_FACTOR = 1.5;
    static final double ELEMENTWISE_BACKWARD_VECTOR_FACTOR = 2;

    private LayerOps() {
    }

    static OpCost linear(String name, OpGroup group, double rows, double in, double out, int e, int units) {
        double split = splitK(rows, in, out, units);
        double bytes = (rows * in + in * out + rows * out) * e + partials(split, rows, out);
        double tiles = outputTiles(rows, out) * split;
        return new OpCost(name, group, Pass.FORWARD, 2 * rows * in * out, 0, 0, bytes, bytes, tiles, 1, 1);
    }

    static OpCost linearBackward(String name, OpGroup group, double rows, double in, double out, int e, int units) {
        // dX = dY W^T (rows x in, inner out) and dW = X^T dY (in x out, inner rows): reads dY, W and X,
        // writes dX and dW. The work items are those of the larger of the two GEMMs.
        double splitX = splitK(rows, out, in, units);
        double splitW = splitK(in, rows, out, units);
        double bytes = (rows * out + in * out + rows * in + rows * in + in * out) * e
                + partials(splitX, rows, in) + partials(splitW, in, out);
        double tiles = Math.max(outputTiles(rows, in) * splitX, outputTiles(in, out) * splitW);
        return new OpCost(name, group, Pass.BACKWARD, 4 * rows * in * out, 0, 0, bytes, bytes, tiles, 2, 1);
    }

    static double outputTiles(double rows, double out) {
        return Math.ceil(rows / GEMM_TILE) * Math.ceil(out / GEMM_TILE);
    }

    /**
     * Split-K: when the output offers fewer tiles than there are units, the inner dimension is cut into
     * slices of at least {@value #SPLIT_K_MIN_SLICE} so that more units work (CUTLASS split-K; cuBLAS
     * heuristics do the same; Osama et al. 2023, Stream-K).
     */
    static double splitK(double rows, double inner, double out, int units) {
        double tiles = outputTiles(rows, out);
        return Math.max(1, Math.min(Math.ceil(units / tiles), Math.floor(inner / SPLIT_K_MIN_SLICE)));
    }

    /** fp32 partial sums of a split-K GEMM, written and read back once. */
    private static double partials(double split, double rows, double out) {
        return split > 1 ? split * rows * out * 4 * 2 : 0;
    }

    static OpCost elementwise(String name, OpGroup group, double elements, double bytesPerElement,
            double vectorOpsPerElement, double expsPerElement, int launches) {
        double bytes = elements * bytesPerElement;
        return new OpCost(name, group, Pass.FORWARD, 0, elements * vectorOpsPerElement, elements * expsPerElement,
                bytes, bytes, Math.ceil(elements / ELEMENTS_PER_TILE), launches, 1);
    }

    static OpCost elementwiseBackward(OpCost forward) {
        return new OpCost(forward.name(), forward.group(), Pass.BACKWARD, 0,
                forward.vectorOps() * ELEMENTWISE_BACKWARD_VECTOR_FACTOR, forward.exponentials(),
                forward.deviceBytes() * ELEMENTWISE_BACKWARD_BYTES_FACTOR,
                forward.cacheBytes() * ELEMENTWISE_BACKWARD_BYTES_FACTOR, forward.tiles(), forward.launches(), 1);
    }
}
