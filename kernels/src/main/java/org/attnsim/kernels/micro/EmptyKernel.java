package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/** A kernel that does nothing observable: its time is the launch latency. */
public final class EmptyKernel extends Kernel {
    final float[] out;

    public EmptyKernel(float[] out) {
        this.out = out;
    }

    @Override
    public void run() {
        if (getGlobalId() < 0) {
            out[0] = 1f;
        }
    }
}
