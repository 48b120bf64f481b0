package org.attnsim.kernels.attention;

/**
 * The first of SparQ's stages alone ({@link SparqDecodeKernel} runs all three), to time what each stage
 * adds to a step: this, then {@link SparqScoresTopKKernel}, then the whole step.
 */
public final class SparqScoresKernel extends SparqExactStage {

    public SparqScoresKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, float[] v,
            float[] vbar) {
        super(a, s, q, k, kt, v, vbar);
    }

    @Override
    public void run() {
        scores(ONE_PASS);
    }
}
