package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * SparQ's approximate scores with K stored once ({@link org.attnsim.kernels.attention.SparqScoresKernel}, the scores
 * stage alone) at each of {@link #HEADS} query heads a row, over the overlap benchmark's own streamed rows: {@value
 * #GROUPS_PER_UNIT} (batch, KV head) groups a compute unit, one KV head each, d 64, r {@value #R}, their caches the
 * benchmark's keys cut into equal lengths. Timed beside a triad in the overlap rounds, each case against the model's
 * arithmetic for the same loop gives what that arithmetic costs at that many heads a row (the profile's {@code
 * onceScoresArithmetic}). The kernel is attnsim's own, not a copy: a copy of this loop on the Zen 5 VM agreed with it
 * within 4% at 2-8 heads a row but took 31% longer at one, where the kernel reads its rows ahead (session 42).
 *
 * @param cases one a number of heads a row, in the order of {@link #HEADS}
 */
public record OnceScores(List<Case> cases) implements AutoCloseable {

    /** Query heads a row of the cases: MHA's, SQA's, GQA's at a quarter, MQA's of 8 heads. */
    public static final int[] HEADS = {1, 2, 4, 8};
    /** (batch, KV head) groups a compute unit: each is one work-group of the kernel. */
    public static final int GROUPS_PER_UNIT = 8;
    /** Components of q the scores read, d_h / 4 as in the paper. */
    public static final int R = 16;
    /** Rows the exact stage would take: the scores alone do not use it. */
    public static final int K = 128;

    /** One case: the kernel at {@code shape.queryHeads()} heads a row, as a step to time. */
    public record Case(AttentionShapeArgs shape, Harness.Step step) {

        /** Bytes of K the case reads. */
        public double bytes() {
            return (double) shape.batch() * shape.keyLength() * shape.headDim() * Float.BYTES;
        }
    }

    public OnceScores {
        cases = List.copyOf(cases);
    }

    /** The cases over the first {@code rows} rows of {@code keys} (rows of {@code headDim} floats). */
    public static OnceScores over(OpenCLDevice device, float[] keys, int rows, int headDim) {
        int groups = GROUPS_PER_UNIT * device.getMaxComputeUnits();
        int length = rows / groups;
        if (length < 1 || (long) rows * headDim > keys.length) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " floats do not give " + groups
                    + " groups a cache from an array of " + keys.length + " floats");
        }
        List<Case> cases = new ArrayList<>();
        for (int heads : HEADS) {
            AttentionShapeArgs a = AttentionShapeArgs.of(groups, heads, 1, 1, length, headDim, false);
            float[] q = Microbenchmarks.randomRows(groups * heads * headDim, 37 + heads);
            cases.add(new Case(a, SparqPipeline.onceScores(device, a, new SparqArgs(R, K, 0, false, false), q, keys,
                    "SparqScoresKernel, K stored once, " + heads + " heads a row, " + groups + " groups, S " + length
                            + ", rows streamed")));
        }
        return new OnceScores(cases);
    }

    /** The steps to time, in the same rounds. */
    public List<Harness.Step> steps() {
        return cases.stream().map(Case::step).toList();
    }

    /** The cases' times, as measured in the order of {@link #steps}, beside a triad of {@code triadBytesPerSecond}. */
    public Times times(List<Measurement> measured, double triadBytesPerSecond) {
        if (measured.size() != cases.size()) {
            throw new IllegalArgumentException(measured.size() + " times for " + cases.size() + " cases");
        }
        List<Times.Timed> timed = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AttentionShapeArgs a = cases.get(i).shape();
            timed.add(new Times.Timed(a.queryHeads(), a.batch(), a.keyLength(), a.headDim(), measured.get(i)));
        }
        return new Times(timed, triadBytesPerSecond);
    }

    @Override
    public void close() {
        cases.forEach(c -> c.step().kernel().dispose());
    }

    /**
     * What the cases measured.
     *
     * @param cases               one a number of heads a row
     * @param triadBytesPerSecond the triad's bandwidth in the same rounds, launch latency subtracted
     */
    public record Times(List<Timed> cases, double triadBytesPerSecond) {

        public Times {
            cases = List.copyOf(cases);
        }

        /** One case's shape (heads a row over one KV head, groups, their cache's length, d) and time. */
        public record Timed(int heads, int groups, int keyLength, int headDim, Measurement measurement) {
        }
    }
}
