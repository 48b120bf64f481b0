package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LocalMemory;

/**
 * SparQ decoding (Ribar et al. 2024, Algorithm 1) as one launch: each work-group takes one (batch, KV
 * head) through the approximate scores ({@link SparqScoresStage}), the top-k ({@link SparqTopKStage}) and
 * the exact attention over the chosen rows ({@link SparqExactStage}), each stage a class of its own up the
 * chain. Every stage needs only what its own work-group wrote, so a barrier joins them.
 *
 * <p>Why one kernel, and not one per stage: Aparapi gives every kernel object an OpenCL context of its
 * own, with its own buffer for each array. Kernels per stage would each hold a copy of the scores and the
 * chosen rows: on a CPU those buffers are the Java arrays themselves, but on a discrete GPU a stage would
 * read a copy that the stage before it never wrote. And not one kernel with a stage chosen by a field:
 * PoCL 3.1 miscompiles barriers inside a branch on a kernel argument (the top-k then takes wrong rows).
 */
public final class SparqDecodeKernel extends SparqExactStage {

    /**
     * Over q [B][H_q][d], K and V [B][H_kv][S][d], kt (K d-major when stored twice, else unread:
     * [B][H_kv][d][columnStride(S)], each column padded past S as {@code SparqScoresStage} says) and v_bar
     * [B][H_kv][d]; the kernel allocates what the stages pass to each other.
     */
    public SparqDecodeKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, float[] v,
            float[] vbar) {
        super(a, s, q, k, kt, v, vbar);
    }

    /**
     * Local memory a work-group of this kernel takes for the shape and settings: counted on the kernel built
     * for one (batch, KV head) of the shape, whose local arrays are the same and its global ones small.
     */
    static long localBytes(AttentionShapeArgs a, SparqArgs s) {
        AttentionShapeArgs oneGroup = AttentionShapeArgs.of(1, a.queryHeads() / a.kvHeads(), 1, 1, a.keyLength(),
                a.headDim(), false);
        float[] none = new float[1];
        SparqDecodeKernel kernel = new SparqDecodeKernel(oneGroup, s, none, none, none, none, none);
        long bytes = LocalMemory.bytes(kernel);
        kernel.dispose();
        return bytes;
    }

    @Override
    public void run() {
        scores(ONE_PASS);
        localGlobalBarrier();
        topK();
        localGlobalBarrier();
        exact();
    }
}
