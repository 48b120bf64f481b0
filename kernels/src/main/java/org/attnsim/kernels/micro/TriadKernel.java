package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/** STREAM triad, a = b + s c: reads two floats and writes one per work item (12 bytes). */
public final class TriadKernel extends Kernel {
    final float[] a;
    final float[] b;
    final float[] c;
    final float s;

    public TriadKernel(float[] a, float[] b, float[] c, float s) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.s = s;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        a[i] = b[i] + s * c[i];
    }
}
