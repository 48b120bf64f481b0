package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.ForwardLaunch;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * attnsim's attention-forward kernel as a CPU runs it ({@link ForwardLaunch#rowPerItem}: a query row a work item) at
 * each of {@link #HEAD_DIMS}, MHA of d_model {@value #MODEL_DIM} over S {@value #SEQ_LEN} without a mask, batch 1:
 * each head's K and V (256 KiB at d 64) stay in the cache, so the kernel's loops set its time. Timed in the same
 * rounds as the row-update benchmark, each case against the model's price of its op at that rate gives what the
 * kernel's arithmetic costs at that d (the profile's {@code forwardArithmetic}).
 *
 * @param cases one a head dimension, in the order of {@link #HEAD_DIMS}
 */
public record ForwardAlone(List<Case> cases) implements AutoCloseable {

    /** The head dimensions measured: the papers' 64, and the halves and doubles around it. */
    public static final int[] HEAD_DIMS = {32, 64, 128};
    /** d_model of every case: 16, 8 and 4 heads, the same FMAs at each d. */
    public static final int MODEL_DIM = 512;
    /** Positions of every case: 20-32 ms a case on the 2-core Zen 5 VM. */
    public static final int SEQ_LEN = 1024;

    /** One case: the kernel on {@code shape}, as a step to time. */
    public record Case(AttentionShapeArgs shape, Harness.Step step) {
    }

    public ForwardAlone {
        cases = List.copyOf(cases);
    }

    /** The cases on {@code device}, their inputs drawn at random; close it to free their kernels. */
    public static ForwardAlone on(OpenCLDevice device) {
        List<Case> cases = new ArrayList<>();
        for (int d : HEAD_DIMS) {
            int heads = MODEL_DIM / d;
            AttentionShapeArgs a = AttentionShapeArgs.of(1, heads, heads, SEQ_LEN, SEQ_LEN, d, false)
                    .fitting(device.getLocalMemSize());
            float[] q = Microbenchmarks.randomRows(a.queryElements(), 41 + d);
            float[] k = Microbenchmarks.randomRows(a.keyElements(), 43 + d);
            float[] v = Microbenchmarks.randomRows(a.keyElements(), 47 + d);
            float[] o = new float[a.queryElements()];
            ForwardLaunch launch = ForwardLaunch.rowPerItem(device, a, q, k, v, o);
            cases.add(new Case(a, launch.step("FlashAttentionKernel, d " + d + ", " + heads + " heads, S " + SEQ_LEN
                    + ", no mask")));
        }
        return new ForwardAlone(cases);
    }

    /**
     * The cases timed in the same rounds as {@code rowUpdates}; each time and the row updates' FLOP rate are as
     * measured, the launch latency {@code launchSeconds} subtracted from the rate only.
     */
    public Times timeBeside(RowUpdateStep rowUpdates, OpenCLDevice device, Harness.Budget budget,
            double launchSeconds) {
        List<Harness.Step> steps = new ArrayList<>(List.of(rowUpdates.step()));
        cases.forEach(c -> steps.add(c.step()));
        List<Measurement> m = Harness.timeAlternating(steps, device, budget);
        List<Times.Timed> timed = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AttentionShapeArgs a = cases.get(i).shape();
            timed.add(new Times.Timed(a.headDim(), a.queryHeads(), a.queryLength(), m.get(i + 1)));
        }
        return new Times(timed, rowUpdates.flopsPerSecond(m.get(0), launchSeconds), m.get(0));
    }

    @Override
    public void close() {
        cases.forEach(c -> c.step().kernel().dispose());
    }

    /**
     * What the cases measured.
     *
     * @param cases                   one a head dimension
     * @param rowUpdatesFlopsPerSecond the row-update benchmark's rate in the same rounds, launch latency subtracted
     * @param rowUpdates              the row-update benchmark's time
     * @param sets                    the sets of rounds timed, of which these are the least disturbed (see {@link
     *                                Microbenchmarks#leastDisturbed})
     */
    public record Times(List<Timed> cases, double rowUpdatesFlopsPerSecond, Measurement rowUpdates, int sets) {

        public Times {
            cases = List.copyOf(cases);
            if (sets < 1) {
                throw new IllegalArgumentException(sets + " sets of rounds");
            }
        }

        /** The cases of one set of rounds. */
        public Times(List<Timed> cases, double rowUpdatesFlopsPerSecond, Measurement rowUpdates) {
            this(cases, rowUpdatesFlopsPerSecond, rowUpdates, 1);
        }

        /** These times, the least disturbed of {@code n} sets. */
        public Times ofSets(int n) {
            return new Times(cases, rowUpdatesFlopsPerSecond, rowUpdates, n);
        }

        /** One case's head dimension, heads, sequence length (batch 1, no mask) and time. */
        public record Timed(int headDim, int heads, int seqLen, Measurement measurement) {
        }
    }
}
