package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * The device's exponential rate: four independent chains x = exp(-x) (bounded near 0.567) of
 * {@value #PER_CHAIN} exponentials per work item, in straight-line code so that a CPU OpenCL compiler
 * vectorises across work items (see {@link FmaKernel}).
 */
public final class ExpKernel extends Kernel {
    public static final int CHAINS = 4;
    public static final int PER_CHAIN = 16;

    final float[] out;

    public ExpKernel(float[] out) {
        this.out = out;
    }

    /** Eight dependent exponentials; {@link #run} applies it twice per chain. */
    float eight(float x) {
        x = exp(-x);
        x = exp(-x);
        x = exp(-x);
        x = exp(-x);
        x = exp(-x);
        x = exp(-x);
        x = exp(-x);
        x = exp(-x);
        return x;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        float x0 = i * 1e-9f;
        float x1 = x0 + 0.25f;
        float x2 = x0 + 0.5f;
        float x3 = x0 + 0.75f;
        x0 = eight(eight(x0));
        x1 = eight(eight(x1));
        x2 = eight(eight(x2));
        x3 = eight(eight(x3));
        out[i] = x0 + x1 + x2 + x3;
    }
}
