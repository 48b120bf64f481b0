package org.attnsim.kernels.attention;

/** {@link SparqScoresKernel} for {@link ManyColumnSparqDecodeKernel}: its scores stage alone, to time as a cut. */
public final class ManyColumnSparqScoresKernel extends SparqExactStage {

    public ManyColumnSparqScoresKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, float[] v,
            float[] vbar) {
        super(a, s, q, k, kt, v, vbar);
    }

    @Override
    public void run() {
        scores(IN_PASSES);
    }
}
