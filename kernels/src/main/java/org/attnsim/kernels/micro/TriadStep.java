package org.attnsim.kernels.micro;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * The STREAM triad over n floats, with its arrays on the device, as a step to time alone or in
 * alternation with other kernels: timed beside them, it measures the device memory's bandwidth under the
 * load they ran under.
 */
public final class TriadStep implements AutoCloseable {

    /** Working sets of at least this many times the last-level cache stream from device memory. */
    static final int CACHE_MULTIPLE = 4;
    static final int MIN_LOG2_ELEMENTS = 20;

    private final TriadKernel kernel;
    private final Harness.Step step;
    private final long bytes;

    public TriadStep(OpenCLDevice device, int n) {
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = i;
            c[i] = 1;
        }
        kernel = new TriadKernel(a, b, c, 3f);
        kernel.setExplicit(true);
        kernel.put(a).put(b).put(c);
        step = new Harness.Step("triad " + n, kernel, WorkGroups.range(kernel, device, n));
        bytes = 12L * n;
    }

    /** A triad whose three arrays together are at least {@value #CACHE_MULTIPLE} times {@code cacheBytes}. */
    public static TriadStep beyondCache(OpenCLDevice device, double cacheBytes) {
        return new TriadStep(device, elementsBeyond(cacheBytes));
    }

    /** The smallest power of two of floats (at least 2^20) whose three arrays fill the multiple of the cache. */
    static int elementsBeyond(double cacheBytes) {
        int log2 = MIN_LOG2_ELEMENTS;
        while (12.0 * (1L << log2) < CACHE_MULTIPLE * cacheBytes) {
            log2++;
        }
        return 1 << log2;
    }

    public Harness.Step step() {
        return step;
    }

    /** Bytes one run reads and writes. */
    public long bytes() {
        return bytes;
    }

    /** The bandwidth of a timed run: its bytes over its median less the launch latency. */
    public double bytesPerSecond(Measurement m, double launchSeconds) {
        return bytes / (m.medianSeconds() - launchSeconds);
    }

    @Override
    public void close() {
        kernel.dispose();
    }
}
