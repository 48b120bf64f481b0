package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * The device's FMA peak: eight independent chains of {@value #PER_CHAIN} fused multiply-adds per work
 * item, each FMA two FLOPs, in straight-line code. A CPU OpenCL compiler (PoCL) vectorises across work
 * items only kernels without loops, so the chains are written out rather than looped; a GPU runs either
 * form at its peak. The sum is stored so that nothing is optimised away.
 */
public final class FmaKernel extends Kernel {
    public static final int CHAINS = 8;
    public static final int PER_CHAIN = 32;

    final float[] out;

    public FmaKernel(float[] out) {
        this.out = out;
    }

    /** Sixteen dependent FMAs; {@link #run} applies it twice per chain. */
    float sixteen(float x) {
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        x = fma(x, 0.9999f, 0.0001f);
        return x;
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
        x0 = sixteen(sixteen(x0));
        x1 = sixteen(sixteen(x1));
        x2 = sixteen(sixteen(x2));
        x3 = sixteen(sixteen(x3));
        x4 = sixteen(sixteen(x4));
        x5 = sixteen(sixteen(x5));
        x6 = sixteen(sixteen(x6));
        x7 = sixteen(sixteen(x7));
        out[i] = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }
}
