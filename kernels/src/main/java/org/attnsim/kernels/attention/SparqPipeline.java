package org.attnsim.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
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

    /**
     * Each stage (scores, top-k, exact attention) timed as it runs in a step, for a measured breakdown: in
     * alternation with the two stages that precede it in a run of steps, so that its inputs are theirs and
     * the caches are as they leave them. Timed alone, the exact stage would find its rows still cached from
     * its last run (0.25 ms at S 16k, batch 8, against about 1 ms after the scores' stream).
     */
    public List<Measurement> stageTimes(String what, Harness.Budget budget) {
        Harness.Step whole = step(what);
        List<Kernel> kernels = whole.kernels();
        List<Range> ranges = whole.ranges();
        String[] names = {" scores", " top-k", " exact"};
        List<Measurement> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            int first = (i + 1) % 3;
            int second = (i + 2) % 3;
            Harness.Step before = new Harness.Step(what + " before" + names[i], List.of(kernels.get(first),
                    kernels.get(second)), List.of(ranges.get(first), ranges.get(second)));
            Harness.Step stage = new Harness.Step(what + names[i], List.of(kernels.get(i)), List.of(ranges.get(i)));
            out.add(Harness.timeAlternating(before, stage, device, budget).get(1));
        }
        return List.copyOf(out);
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
