package org.attnsim.kernels.micro;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.device.CacheToExceed;
import org.attnsim.kernels.measure.Harness;

/**
 * A step that leaves the last-level cache holding none of another kernel's data: it reads an array of
 * {@value #CACHE_MULTIPLE} times the cache once ({@link PageRunKernel} over every page in order, each work
 * item sixteen consecutive pages) and writes only a small row per work item, so the lines it leaves are
 * clean. Run ahead of a kernel, it makes that kernel start as it would after other work (a decoder's other
 * layers) at a fraction of the time of that work.
 */
public final class CacheEviction extends BytesStep {

    static final int CACHE_MULTIPLE = 4;
    static final int PAGES_PER_ITEM = 16;
    static final int ITEMS_PER_GROUP = 16;

    private CacheEviction(OpenCLDevice device, int pages) {
        this(device, PageRunStep.kernel(pages, inOrder(pages), PAGES_PER_ITEM), pages);
    }

    private CacheEviction(OpenCLDevice device, PageRunKernel kernel, int pages) {
        super(kernel, new Harness.Step("cache eviction", kernel,
                Range.create(device, pages / PAGES_PER_ITEM, ITEMS_PER_GROUP)),
                (long) pages * PageRunKernel.PAGE_FLOATS * Float.BYTES);
    }

    private static int[] inOrder(int pages) {
        int[] order = new int[pages];
        for (int p = 0; p < pages; p++) {
            order[p] = p;
        }
        return order;
    }

    /** Reads at least {@value #CACHE_MULTIPLE} times {@code cacheBytes} (on a GPU, {@link CacheToExceed}'s floor). */
    public static CacheEviction beyond(OpenCLDevice device, double cacheBytes) {
        return new CacheEviction(device, pages(CacheToExceed.bytes(device, cacheBytes)));
    }

    /** Pages of the array: the multiple of the cache, rounded up to whole work-groups. */
    static int pages(double cacheBytes) {
        int perGroup = PAGES_PER_ITEM * ITEMS_PER_GROUP;
        double pageBytes = PageRunKernel.PAGE_FLOATS * (double) Float.BYTES;
        int groups = (int) Math.ceil(CACHE_MULTIPLE * cacheBytes / pageBytes / perGroup);
        return Math.max(1, groups) * perGroup;
    }
}
