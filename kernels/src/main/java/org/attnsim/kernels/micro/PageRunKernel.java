package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Page-sized runs read together: each work item adds {@code runs} pieces of one 4 KiB page each, at the
 * pages {@code pages} lists, {@value #BLOCK} floats at a time from every piece in turn, into its own row
 * of {@value #BLOCK} floats, which stays in the cache. This is how SparQ's approximate scores read K stored
 * d-major: a work item takes its 4 KiB piece of each column of a half of the selected ones 256 bytes at a
 * time, so those column streams advance together. Hardware prefetchers stop at page boundaries, so each
 * piece starts cold; the rate is what such reads reach, one work item at a time per unit.
 */
public final class PageRunKernel extends Kernel {

    public static final int PAGE_FLOATS = 1024;
    /** Floats taken from one piece before the next (SparqScoresKernel's block). */
    public static final int BLOCK = 64;

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
        int row = i * BLOCK;
        for (int b = 0; b < PAGE_FLOATS; b += BLOCK) {
            for (int r = 0; r < runs; r++) {
                int base = pages[i * runs + r] * PAGE_FLOATS + b;
                for (int u = 0; u < BLOCK; u++) {
                    rows[row + u] += data[base + u];
                }
            }
        }
    }
}
