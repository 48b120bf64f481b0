package org.attnsim.kernels.micro;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.device.CacheToExceed;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * What one compute unit streams from device memory alone, against what all of them stream together: the
 * same triad ({@link UnitTriadKernel}) over the same arrays, beyond the cache, in one work-group and in one
 * work-group a unit, timed in alternation so that both see the same load.
 *
 * @param one      the triad in one work-group
 * @param every    the triad in one work-group a compute unit
 * @param bytes    bytes each run moves
 * @param oneBytesPerSecond   bytes a second of {@code one}, launch latency subtracted
 * @param everyBytesPerSecond bytes a second of {@code every}, launch latency subtracted
 */
public record UnitBandwidth(Measurement one, Measurement every, long bytes, double oneBytesPerSecond,
        double everyBytesPerSecond) {

    /** Work items of a work-group (SparQ's kernels on a CPU run 16). */
    static final int ITEMS = Microbenchmarks.ATTENTION_GROUP;

    /** One unit's share of what they all draw. */
    public double share() {
        return oneBytesPerSecond / everyBytesPerSecond;
    }

    /** Both triads over arrays of at least {@value TriadStep#CACHE_MULTIPLE} times {@code cacheBytes} together. */
    static UnitBandwidth measure(OpenCLDevice device, double cacheBytes, Harness.Budget budget, double launchSeconds) {
        int units = device.getMaxComputeUnits();
        int n = TriadStep.elementsBeyond(CacheToExceed.bytes(device, cacheBytes));
        n -= n % (ITEMS * units);
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        TriadStep.fill(b, c);
        UnitTriadKernel one = new UnitTriadKernel(a, b, c, 3f, n / ITEMS);
        UnitTriadKernel every = new UnitTriadKernel(a, b, c, 3f, n / (ITEMS * units));
        try {
            for (UnitTriadKernel k : List.of(one, every)) {
                k.setExplicit(true);
                k.put(a).put(b).put(c);
            }
            List<Measurement> m = Harness.timeAlternating(
                    new Harness.Step("triad on one unit", one, Range.create(device, ITEMS, ITEMS)),
                    new Harness.Step("triad on every unit", every, Range.create(device, ITEMS * units, ITEMS)), device,
                    budget);
            long bytes = 12L * n;
            return new UnitBandwidth(m.get(0), m.get(1), bytes, bytes / (m.get(0).medianSeconds() - launchSeconds),
                    bytes / (m.get(1).medianSeconds() - launchSeconds));
        } finally {
            one.dispose();
            every.dispose();
        }
    }
}
