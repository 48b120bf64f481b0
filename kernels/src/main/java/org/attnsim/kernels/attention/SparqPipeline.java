package org.attnsim.kernels.attention;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * SparQ's decode step as one launch of {@link SparqDecodeKernel}, with its buffers on the device, and the
 * same step cut after its first and second stages, to time what each stage adds. The d-major copy of K
 * (K stored twice) and the mean value v_bar are state a decoder keeps up to date token by token; they are
 * prepared here once, outside the timed step.
 */
public final class SparqPipeline implements AutoCloseable {

    private final OpenCLDevice device;
    private final Range range;
    private final SparqDecodeKernel kernel;
    private final SparqScoresKernel scoresOnly;
    private final SparqScoresTopKKernel scoresTopK;

    public SparqPipeline(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] v, OpenCLDevice device) {
        this.device = device;
        int groups = a.batch() * a.kvHeads();
        int d = a.headDim();
        int len = a.keyLength();
        int stride = SparqScoresStage.columnStride(len);
        float[] kt = new float[s.keyTwice() ? groups * d * stride : 1];
        float[] vbar = new float[groups * d];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < len; j++) {
                for (int c = 0; c < d; c++) {
                    if (s.keyTwice()) {
                        kt[(g * d + c) * stride + j] = k[g * len * d + j * d + c];
                    }
                    vbar[g * d + c] += v[g * len * d + j * d + c] / len;
                }
            }
        }
        range = Range.create(device, groups * SparqScoresStage.LOCAL, SparqScoresStage.LOCAL);
        kernel = onDevice(new SparqDecodeKernel(a, s, q, k, kt, v, vbar));
        scoresOnly = onDevice(new SparqScoresKernel(a, s, q, k, kt, v, vbar));
        scoresTopK = onDevice(new SparqScoresTopKKernel(a, s, q, k, kt, v, vbar));
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
        return new Harness.Step(what, kernel, range);
    }

    /**
     * What each stage (scores, top-k, exact attention) adds to the step: the step cut after the scores,
     * after the top-k, and whole, timed in rounds, each after {@code evict} (untimed), a kernel that
     * evicts the cache, as the whole step is timed after other work; each stage's time is the median over
     * rounds of the difference between the cut that ends with it and the one before.
     */
    public List<Measurement> stageTimes(String what, Harness.Step evict, Harness.Budget budget) {
        return Harness.timeIncrements(List.of(new Harness.Step(what + " scores", scoresOnly, range),
                new Harness.Step(what + " top-k", scoresTopK, range), new Harness.Step(what + " exact", kernel, range)),
                evict, device, budget);
    }

    /** The output [B][H_q][d] of the last step. */
    public float[] output() {
        kernel.get(kernel.o);
        return kernel.o;
    }

    /** The selected rows of the last step, k per (batch, KV head). */
    public int[] selected() {
        kernel.get(kernel.i2);
        return kernel.i2;
    }

    @Override
    public void close() {
        kernel.dispose();
        scoresOnly.dispose();
        scoresTopK.dispose();
    }
}
