package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Memory latency: one work item follows a random cyclic permutation, each load depending on the last,
 * over an array far larger than the caches.
 */
public final class ChaseKernel extends Kernel {
    final int[] next;
    final int[] out;
    final int steps;

    public ChaseKernel(int[] next, int[] out, int steps) {
        this.next = next;
        this.out = out;
        this.steps = steps;
    }

    @Override
    public void run() {
        int p = 0;
        for (int k = 0; k < steps; k++) {
            p = next[p];
        }
        out[0] = p;
    }
}
