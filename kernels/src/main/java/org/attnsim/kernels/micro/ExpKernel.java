package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * The device's exponential rate: sixteen independent chains x = exp(-x) (bounded near 0.567) of
 * {@value #PER_CHAIN} exponentials per work item, in straight-line code so that a CPU OpenCL compiler
 * vectorises across work items (see {@link FmaKernel}). An exponential's latency is long: with four
 * chains the same code measured 1.04 Gexp/s here, with sixteen 1.4-1.7.
 */
public final class ExpKernel extends Kernel {
    public static final int CHAINS = 16;
    public static final int PER_CHAIN = 4;

    final float[] out;

    public ExpKernel(float[] out) {
        this.out = out;
    }

    float four(float x) {
        float y = exp(-x);
        y = exp(-y);
        y = exp(-y);
        return exp(-y);
    }

    @Override
    public void run() {
        int i = getGlobalId();
        float x = i * 1e-9f;
        // Written out: a loop here would keep PoCL from vectorising across work items.
        float s = 0f;
        s += four(x + 0.0f);
        s += four(x + 0.0625f);
        s += four(x + 0.125f);
        s += four(x + 0.1875f);
        s += four(x + 0.25f);
        s += four(x + 0.3125f);
        s += four(x + 0.375f);
        s += four(x + 0.4375f);
        s += four(x + 0.5f);
        s += four(x + 0.5625f);
        s += four(x + 0.625f);
        s += four(x + 0.6875f);
        s += four(x + 0.75f);
        s += four(x + 0.8125f);
        s += four(x + 0.875f);
        s += four(x + 0.9375f);
        out[i] = s;
    }
}
