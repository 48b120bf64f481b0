package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Exponentials in a per-item loop, as attnsim's attention kernels take them: eight independent chains
 * x = exp(-x) per work item (bounded near 0.567). The kernels compute four exponentials per group of
 * four keys and a core overlaps about two consecutive groups; an exponential's latency is long enough
 * that the rate grows with the chains in flight (on this machine's PoCL: 0.39 Gexp/s with four, 0.75
 * with eight, 1.45 with sixteen). On a CPU PoCL runs it in scalar instructions.
 */
public final class LoopExpKernel extends Kernel {
    public static final int CHAINS = 8;

    final float[] out;
    final int iterations;

    public LoopExpKernel(float[] out, int iterations) {
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        float x0 = i * 1e-7f;
        float x1 = x0 + 0.125f;
        float x2 = x0 + 0.25f;
        float x3 = x0 + 0.375f;
        float x4 = x0 + 0.5f;
        float x5 = x0 + 0.625f;
        float x6 = x0 + 0.75f;
        float x7 = x0 + 0.875f;
        for (int k = 0; k < iterations; k++) {
            x0 = exp(-x0);
            x1 = exp(-x1);
            x2 = exp(-x2);
            x3 = exp(-x3);
            x4 = exp(-x4);
            x5 = exp(-x5);
            x6 = exp(-x6);
            x7 = exp(-x7);
        }
        out[i] = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }
}
