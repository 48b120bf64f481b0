package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * The page-run benchmark's reads ({@link PageRunKernel}) with each work item over {@code per} of that kernel's items in
 * a row, so that one work-group alone reads the whole array on one compute unit: over one work-group this is what a
 * single core draws in page runs, over one work-group a core what they all draw, the same loop. A CPU OpenCL device runs
 * a work-group's items one after another, so each column's stream runs on from one item's pages into the next as in
 * the benchmark and in SparQ's scores.
 */
public final class UnitPageRunKernel extends Kernel {

    final float[] data;
    final int[] pages;
    final float[] rows;
    final int runs;
    final int per;

    public UnitPageRunKernel(float[] data, int[] pages, float[] rows, int runs, int per) {
        this.data = data;
        this.pages = pages;
        this.rows = rows;
        this.runs = runs;
        this.per = per;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int row = i * PageRunKernel.BLOCK;
        for (int item = i * per; item < (i + 1) * per; item++) {
            for (int b = 0; b < PageRunKernel.PAGE_FLOATS; b += PageRunKernel.BLOCK) {
                for (int r = 0; r < runs; r++) {
                    int base = pages[item * runs + r] * PageRunKernel.PAGE_FLOATS + b;
                    for (int u = 0; u < PageRunKernel.BLOCK; u++) {
                        rows[row + u] += data[base + u];
                    }
                }
            }
        }
    }
}
