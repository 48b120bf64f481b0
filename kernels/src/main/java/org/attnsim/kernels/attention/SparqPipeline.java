package org.attnsim.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * SparQ's three kernels over one decode step, with their buffers on the device. The d-major copy of K
 * (K stored twice) and the mean value v_bar are state a decoder keeps up to date token by token; they
 * are prepared here once, outside the timed step.
 */
public final class SparqPipeline implements AutoCloseable {

    private final AttentionShapeArgs a;
    private final SparqArgs s;
    private final OpenCLDevice device;
    private final SparqScoresKernel scores;
    private final SparqTopKKernel topk;
    private final SparqExactKernel exact;
    private final int[] i2;
    private final float[] o;

    public SparqPipeline(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] v, OpenCLDevice device) {
        this.a = a;
        this.s = s;
        this.device = device;
        int groups = a.batch() * a.kvHeads();
        int d = a.headDim();
        int len = a.keyLength();
        float[] kt = new float[s.keyTwice() ? k.length : 1];
        float[] vbar = new float[groups * d];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < len; j++) {
                for (int c = 0; c < d; c++) {
                    if (s.keyTwice()) {
                        kt[g * len * d + c * len + j] = k[g * len * d + j * d + c];
                    }
                    vbar[g * d + c] += v[g * len * d + j * d + c] / len;
                }
            }
        }
        int[] i1 = new int[groups * s.r()];
        float[] tau = new float[a.batch() * a.queryHeads()];
        float[] groupScores = new float[groups * len];
        float[] headMax = new float[a.batch() * a.queryHeads()];
        float[] headSum = new float[a.batch() * a.queryHeads()];
        this.i2 = new int[groups * s.k()];
        this.o = new float[a.queryElements()];
        scores = new SparqScoresKernel(a, s, q, k, kt, i1, tau, groupScores, headMax, headSum);
        topk = new SparqTopKKernel(a, s, groupScores, i2);
        exact = new SparqExactKernel(a, s, q, k, v, vbar, i1, i2, tau, headMax, headSum, o);
        for (Kernel kernel : List.of(scores, topk, exact)) {
            kernel.setExplicit(true);
        }
        scores.put(q).put(k).put(kt).put(i1).put(tau).put(groupScores).put(headMax).put(headSum);
        topk.put(groupScores).put(i2);
        exact.put(q).put(k).put(v).put(vbar).put(i1).put(i2).put(tau).put(headMax).put(headSum).put(o);
    }

    private List<Range> ranges() {
        int groups = a.batch() * a.kvHeads();
        return List.of(Range.create(device, groups * SparqScoresKernel.LOCAL, SparqScoresKernel.LOCAL),
                Range.create(device, groups * SparqTopKKernel.LOCAL, SparqTopKKernel.LOCAL),
                Range.create(device, groups * (a.queryHeads() / a.kvHeads()), a.queryHeads() / a.kvHeads()));
    }

    public Measurement time(String what, Harness.Budget budget) {
        return Harness.time(step(what), device, budget);
    }

    /** The three stages as one step, to time alone or in alternation with another. */
    public Harness.Step step(String what) {
        return new Harness.Step(what, List.of(scores, topk, exact), ranges());
    }

    /** Each stage timed on its own (scores, top-k, exact attention), for a measured breakdown. */
    public List<Measurement> stageTimes(String what, Harness.Budget budget) {
        List<Range> ranges = ranges();
        return List.of(Harness.time(what + " scores", scores, ranges.get(0), device, budget),
                Harness.time(what + " top-k", topk, ranges.get(1), device, budget),
                Harness.time(what + " exact", exact, ranges.get(2), device, budget));
    }

    /** The output [B][H_q][d] of the last step. */
    public float[] output() {
        exact.get(o);
        return o;
    }

    /** The selected rows of the last step, k per (batch, KV head). */
    public int[] selected() {
        topk.get(i2);
        return i2;
    }

    @Override
    public void close() {
        scores.dispose();
        topk.dispose();
        exact.dispose();
    }
}
