package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Exponential throughput in a per-item loop, the shape of attnsim's attention kernels: four independent
 * chains x = exp(-x) per work item (bounded near 0.567). On a CPU PoCL runs it in scalar instructions
 * (see {@link ExpKernel} for the vector rate).
 */
public final class LoopExpKernel extends Kernel {
    public static final int CHAINS = 4;

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
        float x1 = x0 + 0.25f;
        float x2 = x0 + 0.5f;
        float x3 = x0 + 0.75f;
        for (int k = 0; k < iterations; k++) {
            x0 = exp(-x0);
            x1 = exp(-x1);
            x2 = exp(-x2);
            x3 = exp(-x3);
        }
        out[i] = x0 + x1 + x2 + x3;
    }
}
