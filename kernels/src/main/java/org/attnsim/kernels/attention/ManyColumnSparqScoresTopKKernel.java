package org.attnsim.kernels.attention;

/** {@link SparqScoresTopKKernel} for {@link ManyColumnSparqDecodeKernel}: its first two stages, to time as a cut. */
public final class ManyColumnSparqScoresTopKKernel extends SparqExactStage {

    public ManyColumnSparqScoresTopKKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt,
            float[] v, float[] vbar) {
        super(a, s, q, k, kt, v, vbar);
    }

    @Override
    public void run() {
        scores(IN_PASSES);
        localGlobalBarrier();
        topK();
    }
}
