package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * FMA throughput of arithmetic in a per-item loop, the shape of attnsim's attention kernels: eight
 * independent chains of fused multiply-adds per work item, enough in flight to cover the FMA latency;
 * each FMA is two FLOPs. The sum is stored so that nothing is optimised away. A GPU runs it at its FMA
 * peak; PoCL vectorises across work items only loop-free code, so on a CPU this runs in scalar
 * instructions (see {@link FmaKernel} for the vector peak).
 */
public final class LoopFmaKernel extends Kernel {
    public static final int CHAINS = 8;

    final float[] out;
    final int iterations;

    public LoopFmaKernel(float[] out, int iterations) {
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        float x0 = i * 1e-7f;
        float x1 = x0 + 0.1f;
        float x2 = x0 + 0.2f;
        float x3 = x0 + 0.3f;
        float x4 = x0 + 0.4f;
        float x5 = x0 + 0.5f;
        float x6 = x0 + 0.6f;
        float x7 = x0 + 0.7f;
        for (int k = 0; k < iterations; k++) {
            x0 = fma(x0, 0.9999f, 0.0001f);
            x1 = fma(x1, 0.9999f, 0.0001f);
            x2 = fma(x2, 0.9999f, 0.0001f);
            x3 = fma(x3, 0.9999f, 0.0001f);
            x4 = fma(x4, 0.9999f, 0.0001f);
            x5 = fma(x5, 0.9999f, 0.0001f);
            x6 = fma(x6, 0.9999f, 0.0001f);
            x7 = fma(x7, 0.9999f, 0.0001f);
        }
        out[i] = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }
}
