package org.attnsim.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.kernels.device.LocalMemory;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * SparQ's decode step on a device, with its buffers there, and the same step cut after its first and second
 * stages, to time what each stage adds. On a GPU that holds its work-groups: {@link TiledSparqDecodeKernel}
 * in three passes (the cuts are its first one and two); elsewhere {@link SparqDecodeKernel} in one launch
 * (the cuts are {@link SparqScoresKernel} and {@link SparqScoresTopKKernel}). The d-major copy of K (K
 * stored twice) and the mean value v_bar are state a decoder keeps up to date token by token; they are
 * prepared here once, outside the timed step.
 */
public final class SparqPipeline implements AutoCloseable {

    /**
     * Work-groups per compute unit the GPU kernel's first pass aims at. On an H100 (MHA, S 16k, batch 8, 8
     * heads, r 16) the pass took 118 us by the device's clock in 1 split, 63 in 2, 44-46 in 4, 39-42 in 8,
     * 46-48 in 17 and 53-56 in 34 (session 19): 4 per compute unit gives 9.
     */
    static final int GROUPS_PER_UNIT = 4;

    private final OpenCLDevice device;
    /** The step cut after the scores, after the top-k, and whole. */
    private final List<Harness.Step> cuts;
    private final List<Kernel> kernels;
    /** The kernel whose arrays o and i2 hold the last step's results. */
    private final Kernel results;
    private final float[] output;
    private final int[] selected;

    private SparqPipeline(OpenCLDevice device, List<Harness.Step> cuts, List<Kernel> kernels, Kernel results,
            float[] output, int[] selected) {
        this.device = device;
        this.cuts = cuts;
        this.kernels = kernels;
        this.results = results;
        this.output = output;
        this.selected = selected;
    }

    /**
     * The pipeline for the device: the tiled kernel on a GPU that holds its work-groups' local arrays, with
     * splits for {@value #GROUPS_PER_UNIT} work-groups per compute unit; else the fused one.
     */
    public static SparqPipeline on(OpenCLDevice device, AttentionShapeArgs a, SparqArgs s, float[] q, float[] k,
            float[] v) {
        if (device.getType() == Device.TYPE.GPU) {
            int pairs = a.batch() * a.kvHeads();
            int splits = (GROUPS_PER_UNIT * device.getMaxComputeUnits() + pairs - 1) / pairs;
            SparqPipeline tiled = tiled(device, a, s, splits, TiledSparqDecodeKernel.MAX_LOCAL, q, k, v);
            if (LocalMemory.bytes(tiled.results) <= device.getLocalMemSize()) {
                return tiled;
            }
            tiled.close();
        }
        return fused(device, a, s, q, k, v);
    }

    /**
     * {@link SparqDecodeKernel} and its cuts, whatever the device; {@link ManyColumnSparqDecodeKernel} and its cuts
     * where the scores read their first half in passes ({@link SparqArgs#inPasses}).
     */
    public static SparqPipeline fused(OpenCLDevice device, AttentionShapeArgs a, SparqArgs s, float[] q, float[] k,
            float[] v) {
        float[] kt = keyColumns(a, s, k);
        float[] vbar = meanValue(a, s, v);
        Range range = Range.create(device, a.batch() * a.kvHeads() * SparqScoresStage.LOCAL, SparqScoresStage.LOCAL);
        boolean passes = s.inPasses();
        SparqExactStage kernel = onDevice(passes ? new ManyColumnSparqDecodeKernel(a, s, q, k, kt, v, vbar)
                : new SparqDecodeKernel(a, s, q, k, kt, v, vbar));
        SparqExactStage scoresOnly = onDevice(passes ? new ManyColumnSparqScoresKernel(a, s, q, k, kt, v, vbar)
                : new SparqScoresKernel(a, s, q, k, kt, v, vbar));
        SparqExactStage scoresTopK = onDevice(passes ? new ManyColumnSparqScoresTopKKernel(a, s, q, k, kt, v, vbar)
                : new SparqScoresTopKKernel(a, s, q, k, kt, v, vbar));
        return new SparqPipeline(device, List.of(new Harness.Step("scores", scoresOnly, range),
                new Harness.Step("top-k", scoresTopK, range), new Harness.Step("exact", kernel, range)),
                List.of(kernel, scoresOnly, scoresTopK), kernel, kernel.o, kernel.i2);
    }

    /**
     * SparQ's scores stage alone with K stored twice ({@link SparqScoresKernel}, or {@link ManyColumnSparqScoresKernel}
     * where the scores read in passes), its arrays on the device, as the step {@code what}, a work-group a (batch, KV
     * head): what a calibration times. {@code columns} are the d-major copy itself ({@link #columnFloats} a group): the
     * scores read no rows and no values then. Dispose of its kernel after.
     */
    public static Harness.Step scoresAlone(OpenCLDevice device, AttentionShapeArgs a, SparqArgs s, float[] q,
            float[] columns, String what) {
        if (!s.keyTwice()) {
            throw new IllegalArgumentException("the scores alone read K's d-major copy: K stored twice");
        }
        int groups = a.batch() * a.kvHeads();
        long needed = (long) groups * columnFloats(a);
        if (needed > columns.length) {
            throw new IllegalArgumentException(columns.length + " floats of columns, where the scores read " + needed);
        }
        float[] none = new float[1];
        SparqExactStage kernel = onDevice(s.inPasses() ? new ManyColumnSparqScoresKernel(a, s, q, none, columns, none,
                none) : new SparqScoresKernel(a, s, q, none, columns, none, none));
        return new Harness.Step(what, kernel, Range.create(device, groups * SparqScoresStage.LOCAL,
                SparqScoresStage.LOCAL));
    }

    /**
     * SparQ's whole fused step with K stored once ({@link SparqDecodeKernel}), its arrays on the device, as the step
     * {@code what}, a work-group a (batch, KV head), over arrays the caller lays out: {@code rows} K's rows and {@code
     * values} V's, from {@link SparqArgs#rowStart}; no v_bar mixed in. What a calibration times: the kernel a
     * cross-check runs, over arrays it already holds. Dispose of its kernel after.
     */
    public static Harness.Step stepAlone(OpenCLDevice device, AttentionShapeArgs a, SparqArgs s, float[] q,
            float[] rows, float[] values, String what) {
        if (s.keyTwice() || s.meanValue()) {
            throw new IllegalArgumentException("the step alone stores K once and mixes in no v_bar");
        }
        int groups = a.batch() * a.kvHeads();
        long needed = (long) groups * a.keyLength() * a.headDim() + s.rowStart();
        if (needed > Math.min(rows.length, values.length)) {
            throw new IllegalArgumentException("arrays of " + rows.length + " and " + values.length
                    + " floats, where the step reads " + needed + " of rows and values");
        }
        SparqExactStage kernel = onDevice(new SparqDecodeKernel(a, s, q, rows, new float[1], values,
                new float[groups * a.headDim()]));
        return new Harness.Step(what, kernel, Range.create(device, groups * SparqScoresStage.LOCAL,
                SparqScoresStage.LOCAL));
    }

    /** Floats of one (batch, KV head) group's d-major copy of K (K stored twice). */
    public static long columnFloats(AttentionShapeArgs a) {
        return (long) a.headDim() * SparqScoresStage.columnStride(a.keyLength());
    }

    /**
     * {@link TiledSparqDecodeKernel}, whatever the device, with about {@code splits} splits of each (batch, KV
     * head)'s positions and work-groups of {@code local} items (a power of two from 16 to {@value
     * TiledSparqDecodeKernel#MAX_LOCAL}), fewer where the kernel's own limit on the device is lower.
     */
    public static SparqPipeline tiled(OpenCLDevice device, AttentionShapeArgs a, SparqArgs s, int splits, int local,
            float[] q, float[] k, float[] v) {
        float[] kt = keyColumns(a, s, k);
        float[] vbar = meanValue(a, s, v);
        TiledSparqDecodeKernel kernel = new TiledSparqDecodeKernel(a, s, splits, local, q, k, kt, v, vbar);
        int limit = Integer.highestOneBit(WorkGroups.kernelLimit(kernel, device));
        if (limit < local) {
            kernel.dispose();
            local = Math.max(GroupSparqTopKStage.BUCKETS, limit);
            kernel = new TiledSparqDecodeKernel(a, s, splits, local, q, k, kt, v, vbar);
        }
        kernel.setExplicit(true);
        kernel.put(q).put(k).put(kt).put(v).put(vbar).put(kernel.groupScores).put(kernel.partMax)
                .put(kernel.partSum).put(kernel.setMax).put(kernel.boundCounts).put(kernel.pool).put(kernel.i2)
                .put(kernel.o);
        Range range = Range.create(device, kernel.globalSize(local), local);
        List<Harness.Step> cuts = new ArrayList<>();
        for (String stage : List.of("scores", "top-k", "exact")) {
            cuts.add(new Harness.Step(stage, kernel, range, cuts.size() + 1));
        }
        return new SparqPipeline(device, List.copyOf(cuts), List.of(kernel), kernel, kernel.o, kernel.i2);
    }

    /** K d-major, each column {@link SparqScoresStage#columnStride} floats apart (K stored twice; else unread). */
    private static float[] keyColumns(AttentionShapeArgs a, SparqArgs s, float[] k) {
        int groups = a.batch() * a.kvHeads();
        int d = a.headDim();
        int len = a.keyLength();
        int stride = SparqScoresStage.columnStride(len);
        float[] kt = new float[s.keyTwice() ? groups * d * stride : 1];
        for (int g = 0; s.keyTwice() && g < groups; g++) {
            for (int j = 0; j < len; j++) {
                for (int c = 0; c < d; c++) {
                    kt[(g * d + c) * stride + j] = k[s.rowStart() + g * len * d + j * d + c];
                }
            }
        }
        return kt;
    }

    /** v_bar: the mean of each (batch, KV head)'s value rows. */
    private static float[] meanValue(AttentionShapeArgs a, SparqArgs s, float[] v) {
        int groups = a.batch() * a.kvHeads();
        int d = a.headDim();
        int len = a.keyLength();
        float[] vbar = new float[groups * d];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < len; j++) {
                for (int c = 0; c < d; c++) {
                    vbar[g * d + c] += v[s.rowStart() + g * len * d + j * d + c] / len;
                }
            }
        }
        return vbar;
    }

    /** Every array of the kernel put on the device once (its inputs, and what its stages pass on). */
    private static <T extends SparqExactStage> T onDevice(T stages) {
        stages.setExplicit(true);
        stages.put(stages.q).put(stages.k).put(stages.kt).put(stages.v).put(stages.vbar).put(stages.i1)
                .put(stages.tau).put(stages.groupScores).put(stages.headMax).put(stages.headSum).put(stages.i2)
                .put(stages.pool).put(stages.columnMax).put(stages.o);
        return stages;
    }

    public Measurement time(String what, Harness.Budget budget) {
        return Harness.time(step(what), device, budget);
    }

    /** The decode step, to time alone or in alternation with another. */
    public Harness.Step step(String what) {
        return named(cuts.get(2), what);
    }

    /** The step cut after its scores: the first stage alone, to time beside the whole step. */
    public Harness.Step scoresCut(String what) {
        return named(cuts.get(0), what);
    }

    /** The class of the kernel that runs the step. */
    public String kernelName() {
        return results.getClass().getSimpleName();
    }

    /**
     * What each stage (scores, top-k, exact attention) adds to the step: the step cut after the scores,
     * after the top-k, and whole, timed in rounds, each after {@code evict} (untimed), a kernel that
     * evicts the cache, as the whole step is timed after other work; each stage's time is the median over
     * rounds of the difference between the cut that ends with it and the one before.
     */
    public List<Measurement> stageTimes(String what, Harness.Step evict, Harness.Budget budget) {
        return Harness.timeIncrements(cuts.stream().map(cut -> named(cut, what + " " + cut.what())).toList(), evict,
                device, budget);
    }

    private static Harness.Step named(Harness.Step cut, String what) {
        return new Harness.Step(what, cut.kernel(), cut.range(), cut.passes());
    }

    /** The output [B][H_q][d] of the last step. */
    public float[] output() {
        results.get(output);
        return output;
    }

    /** The selected rows of the last step, k per (batch, KV head). */
    public int[] selected() {
        results.get(selected);
        return selected;
    }

    @Override
    public void close() {
        kernels.forEach(Kernel::dispose);
    }
}
