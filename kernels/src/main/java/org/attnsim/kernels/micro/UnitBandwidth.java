package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.device.CacheToExceed;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * What one compute unit streams from device memory alone, against what all of them stream together: the same loop over
 * the same arrays, beyond the cache, in one work-group and in one work-group a unit, timed in alternation so that both
 * see the same load. Two loops: the triad ({@link UnitTriadKernel}) and the page runs ({@link UnitPageRunKernel}),
 * whose every page starts cold, so that a unit alone draws less of theirs (0.73 against 0.89 on the Zen 5 VM).
 *
 * @param one      the loop in one work-group
 * @param every    the loop in one work-group a compute unit
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
    static UnitBandwidth triad(OpenCLDevice device, double cacheBytes, Harness.Budget budget, double launchSeconds) {
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
            return timed("triad", one, every, 12L * n, device, budget, launchSeconds);
        } finally {
            one.dispose();
            every.dispose();
        }
    }

    /**
     * Both page-run loops over the pages that {@link PageRunStep#besideShape} reads (at least {@value
     * TriadStep#CACHE_MULTIPLE} times {@code cacheBytes}), in whole work-groups of every unit.
     */
    static UnitBandwidth pageRuns(OpenCLDevice device, double cacheBytes, Harness.Budget budget, double launchSeconds) {
        int units = device.getMaxComputeUnits();
        int block = ITEMS * units * Microbenchmarks.PAGE_RUNS_PER_ITEM;
        int pages = (PageRunStep.pagesBeyond(CacheToExceed.bytes(device, cacheBytes)) + block - 1) / block * block;
        int items = pages / Microbenchmarks.PAGE_RUNS_PER_ITEM;
        int[] order = PageRunStep.columnOrder(pages);
        float[] data = new float[pages * PageRunKernel.PAGE_FLOATS];
        float[] rows = new float[ITEMS * units * PageRunKernel.BLOCK];
        UnitPageRunKernel one = new UnitPageRunKernel(data, order, rows, Microbenchmarks.PAGE_RUNS_PER_ITEM,
                items / ITEMS);
        UnitPageRunKernel every = new UnitPageRunKernel(data, order, rows, Microbenchmarks.PAGE_RUNS_PER_ITEM,
                items / (ITEMS * units));
        try {
            for (UnitPageRunKernel k : List.of(one, every)) {
                k.setExplicit(true);
                k.put(data).put(order).put(rows);
            }
            return timed("page runs", one, every, (long) pages * PageRunKernel.PAGE_FLOATS * Float.BYTES, device,
                    budget, launchSeconds);
        } finally {
            one.dispose();
            every.dispose();
        }
    }

    /** The loop in one work-group and in one a unit, in alternation. */
    private static UnitBandwidth timed(String what, Kernel one, Kernel every, long bytes, OpenCLDevice device,
            Harness.Budget budget, double launchSeconds) {
        int units = device.getMaxComputeUnits();
        List<Measurement> m = Harness.timeAlternating(
                new Harness.Step(what + " on one unit", one, Range.create(device, ITEMS, ITEMS)),
                new Harness.Step(what + " on every unit", every, Range.create(device, ITEMS * units, ITEMS)), device,
                budget);
        return new UnitBandwidth(m.get(0), m.get(1), bytes, bytes / (m.get(0).medianSeconds() - launchSeconds),
                bytes / (m.get(1).medianSeconds() - launchSeconds));
    }
}
