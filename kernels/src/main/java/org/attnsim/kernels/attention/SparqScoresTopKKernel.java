package org.attnsim.kernels.attention;

/**
 * SparQ's first two stages ({@link SparqDecodeKernel} runs all three), to time what each stage adds to a
 * step: {@link SparqScoresKernel}, then this, then the whole step.
 */
public final class SparqScoresTopKKernel extends SparqExactStage {

    public SparqScoresTopKKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, float[] v,
            float[] vbar) {
        super(a, s, q, k, kt, v, vbar);
    }

    @Override
    public void run() {
        scores(ONE_PASS);
        localGlobalBarrier();
        topK();
    }
}
