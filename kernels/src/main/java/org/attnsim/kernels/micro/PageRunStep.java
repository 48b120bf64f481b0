package org.attnsim.kernels.micro;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.Random;
import org.attnsim.kernels.device.CacheToExceed;
import org.attnsim.kernels.measure.Harness;

/**
 * The page-run benchmark ({@link PageRunKernel}) with its array on the device, as a step to time alone or
 * in alternation with other kernels: the array is a stack of column-major blocks of
 * {@value Microbenchmarks#PAGE_RUNS_PER_ITEM} columns (half of SparQ's r at d_head 64: the scores read the
 * columns in halves, see SparqScoresStage), each column {@value Microbenchmarks#PAGE_RUN_ITEMS_PER_BLOCK}
 * pages long, in random order; a work item reads its page of every column. Timed beside other kernels, it
 * measures what such reads reach under the load they ran under.
 */
public final class PageRunStep extends BytesStep {

    public PageRunStep(OpenCLDevice device, int pages) {
        this(device, kernel(pages, columnOrder(pages), Microbenchmarks.PAGE_RUNS_PER_ITEM),
                pages / Microbenchmarks.PAGE_RUNS_PER_ITEM);
    }

    private PageRunStep(OpenCLDevice device, PageRunKernel kernel, int items) {
        super(kernel,
                new Harness.Step("page runs", kernel, Range.create(device, items, Microbenchmarks.ATTENTION_GROUP)),
                (long) items * Microbenchmarks.PAGE_RUNS_PER_ITEM * PageRunKernel.PAGE_FLOATS * Float.BYTES);
    }

    /**
     * The kernel over an array of {@code pages} pages on the device, each work item reading {@code runs} of them
     * in the order {@code order} lists, into a row of its own.
     */
    static PageRunKernel kernel(int pages, int[] order, int runs) {
        float[] data = new float[pages * PageRunKernel.PAGE_FLOATS];
        float[] rows = new float[pages / runs * PageRunKernel.BLOCK];
        PageRunKernel kernel = new PageRunKernel(data, order, rows, runs);
        kernel.setExplicit(true);
        kernel.put(data).put(order).put(rows);
        return kernel;
    }

    /** Each work item's page of every column of its block, the columns in random order. */
    static int[] columnOrder(int pages) {
        return Microbenchmarks.columnPieces(pages / Microbenchmarks.PAGE_RUNS_PER_ITEM,
                Microbenchmarks.PAGE_RUNS_PER_ITEM, Microbenchmarks.PAGE_RUN_ITEMS_PER_BLOCK, new Random(7));
    }

    /** The calibration's shape: {@value Microbenchmarks#PAGE_RUN_PAGES} pages (256 MiB). */
    public static PageRunStep calibrationShape(OpenCLDevice device) {
        return new PageRunStep(device, Microbenchmarks.PAGE_RUN_PAGES);
    }

    /**
     * To run beside others: a quarter of the calibration's pages, or more where the array would not fill
     * {@value TriadStep#CACHE_MULTIPLE} times {@code cacheBytes} (on a GPU, {@link CacheToExceed}'s floor), in
     * whole blocks.
     */
    public static PageRunStep besideShape(OpenCLDevice device, double cacheBytes) {
        return new PageRunStep(device, pagesBeyond(CacheToExceed.bytes(device, cacheBytes)));
    }

    static int pagesBeyond(double cacheBytes) {
        int block = Microbenchmarks.PAGE_RUNS_PER_ITEM * Microbenchmarks.PAGE_RUN_ITEMS_PER_BLOCK;
        double pageBytes = PageRunKernel.PAGE_FLOATS * (double) Float.BYTES;
        int wanted = (int) Math.max(Microbenchmarks.PAGE_RUN_PAGES / 4.0,
                Math.ceil(TriadStep.CACHE_MULTIPLE * cacheBytes / pageBytes));
        return (wanted + block - 1) / block * block;
    }
}
