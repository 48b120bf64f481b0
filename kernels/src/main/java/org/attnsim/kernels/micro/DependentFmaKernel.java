package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * FMA latency: one chain of dependent fused multiply-adds per work item, so each FMA waits for the one
 * before it. Its rate is what a reduction with a single accumulator reaches when nothing else can be
 * overlapped with it; {@link LoopFmaKernel} (eight chains in the same loop) gives the throughput.
 */
public final class DependentFmaKernel extends Kernel {

    final float[] out;
    final int iterations;

    public DependentFmaKernel(float[] out, int iterations) {
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        float x = i * 1e-7f;
        for (int k = 0; k < iterations; k++) {
            x = fma(x, 0.9999f, 0.0001f);
        }
        out[i] = x;
    }
}
