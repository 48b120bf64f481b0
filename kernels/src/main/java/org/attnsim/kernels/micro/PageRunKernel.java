package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Page-sized runs: each work item adds {@code runs} pieces of one 4 KiB page each, at the pages
 * {@code pages} lists, into its own row, which stays in the cache. This is how SparQ's approximate
 * scores read K stored d-major: a work item streams its 4 KiB piece of one column, then of the next.
 * Hardware prefetchers stop at page boundaries, so each piece starts cold; the rate is what such reads
 * reach, one work item at a time per unit.
 */
public final class PageRunKernel extends Kernel {

    public static final int PAGE_FLOATS = 1024;

    final float[] data;
    final int[] pages;
    final float[] rows;
    final int runs;

    public PageRunKernel(float[] data, int[] pages, float[] rows, int runs) {
        this.data = data;
        this.pages = pages;
        this.rows = rows;
        this.runs = runs;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        int row = i * PAGE_FLOATS;
        for (int r = 0; r < runs; r++) {
            int base = pages[i * runs + r] * PAGE_FLOATS;
            for (int j = 0; j < PAGE_FLOATS; j++) {
                rows[row + j] += data[base + j];
            }
        }
    }
}
