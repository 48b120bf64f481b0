package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Exponentials taken a few at a time inside a work item's own loop, as attnsim's decode kernel takes them:
 * each work item walks its cache-resident row of {@value #LENGTH} scores four at a time, again and again,
 * keeping an online softmax (the running maximum, and the sum rescaled when the maximum grows). Each four
 * scores cost five exponentials: the rescale and one per score. The compiler cannot take them out of the
 * loop, whose next step needs the maximum and the sum.
 */
public final class OnlineSoftmaxKernel extends Kernel {
    public static final int LENGTH = 256;
    /** Exponentials per four scores: one each and the rescale (an int: Aparapi cannot read a double constant). */
    public static final int EXPS_PER_FOUR_SCORES = 5;

    final float[] rows;
    final float[] out;
    final int passes;

    /** {@code rows} holds one row per work item, [items][LENGTH]; {@code out} gets each item's max and sum. */
    public OnlineSoftmaxKernel(float[] rows, float[] out, int passes) {
        this.rows = rows;
        this.out = out;
        this.passes = passes;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int a = i * LENGTH;
        float m = -1e30f;
        float sum = 0f;
        for (int t = 0; t < passes; t++) {
            for (int j = 0; j < LENGTH; j += 4) {
                float s0 = rows[a + j];
                float s1 = rows[a + j + 1];
                float s2 = rows[a + j + 2];
                float s3 = rows[a + j + 3];
                float mNew = max(m, max(max(s0, s1), max(s2, s3)));
                float correction = exp(m - mNew);
                sum = sum * correction + exp(s0 - mNew) + exp(s1 - mNew) + exp(s2 - mNew) + exp(s3 - mNew);
                m = mNew;
            }
        }
        out[2 * i] = m;
        out[2 * i + 1] = sum;
    }
}
