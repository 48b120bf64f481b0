package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * STREAM triad, a = b + s c, each work item over a contiguous piece of {@code piece} elements (12 bytes each),
 * so that one work-group alone streams the arrays on one compute unit. A CPU OpenCL device runs a work-group's
 * items one after another on one core: over one work-group this is what a single core draws from memory, over
 * one work-group a core what they all draw, the same loop.
 */
public final class UnitTriadKernel extends Kernel {
    final float[] a;
    final float[] b;
    final float[] c;
    final float s;
    final int piece;

    public UnitTriadKernel(float[] a, float[] b, float[] c, float s, int piece) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.s = s;
        this.piece = piece;
    }

    @Override
    public void run() {
        int start = getGlobalId() * piece;
        for (int i = start; i < start + piece; i++) {
            a[i] = b[i] + s * c[i];
        }
    }
}
