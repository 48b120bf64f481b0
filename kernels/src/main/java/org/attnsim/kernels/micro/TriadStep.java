package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.device.CacheToExceed;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;

/**
 * The STREAM triad over n floats, with its arrays on the device, as a step to time alone or in
 * alternation with other kernels: timed beside them, it measures the device memory's bandwidth under the
 * load they ran under.
 */
public final class TriadStep extends BytesStep {

    /** Working sets of at least this many times the last-level cache stream from device memory. */
    static final int CACHE_MULTIPLE = 4;
    static final int MIN_LOG2_ELEMENTS = 20;

    public TriadStep(OpenCLDevice device, int n) {
        this(device, kernel(n), n);
    }

    private TriadStep(OpenCLDevice device, TriadKernel kernel, int n) {
        super(kernel, new Harness.Step("triad " + n, kernel, WorkGroups.range(kernel, device, n)), 12L * n);
    }

    private static TriadKernel kernel(int n) {
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        fill(b, c);
        TriadKernel kernel = new TriadKernel(a, b, c, 3f);
        kernel.setExplicit(true);
        kernel.put(a).put(b).put(c);
        return kernel;
    }

    /** The triad's inputs: b the element's index, c one. */
    static void fill(float[] b, float[] c) {
        for (int i = 0; i < b.length; i++) {
            b[i] = i;
            c[i] = 1;
        }
    }

    /**
     * A triad whose three arrays together are at least {@value #CACHE_MULTIPLE} times {@code cacheBytes} (on a
     * GPU, of at least {@link CacheToExceed}'s floor).
     */
    public static TriadStep beyondCache(OpenCLDevice device, double cacheBytes) {
        return new TriadStep(device, elementsBeyond(CacheToExceed.bytes(device, cacheBytes)));
    }

    /** The smallest power of two of floats (at least 2^20) whose three arrays fill the multiple of the cache. */
    static int elementsBeyond(double cacheBytes) {
        int log2 = MIN_LOG2_ELEMENTS;
        while (12.0 * (1L << log2) < CACHE_MULTIPLE * cacheBytes) {
            log2++;
        }
        return 1 << log2;
    }
}
