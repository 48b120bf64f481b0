package org.attnsim.kernels.attention;

/**
 * {@link SparqDecodeKernel} for more than 16 columns read in halves ({@link SparqArgs#inPasses}, the SparQ paper's r 32
 * at d_head 128): its scores read the first half in passes of {@value SparqScoresStage#PASS_COLUMNS} columns, a barrier
 * before each further pass, so that each pass's column streams run on from one work item's piece into the next. At
 * d 128, r 32 on the 2-core Zen 5 VM (session 46), reading 16 columns together, the scores had taken 1.20-1.28 times
 * r 16's time for the same bytes; in passes, their time alone fell to 0.74 and the step's to 0.85-0.89. A class of
 * its own: the passes' loop, though never run at r 16, cost the one-pass kernel's step there 8-16%.
 */
public final class ManyColumnSparqDecodeKernel extends SparqExactStage {

    public ManyColumnSparqDecodeKernel(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt, float[] v,
            float[] vbar) {
        super(a, s, q, k, kt, v, vbar);
    }

    @Override
    public void run() {
        scores(IN_PASSES);
        localGlobalBarrier();
        topK();
        localGlobalBarrier();
        exact();
    }
}
