package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.measure.Rounds;

/**
 * What SparQ's fused step whose K-twice scores read their columns in passes ({@link
 * org.attnsim.kernels.attention.ManyColumnSparqDecodeKernel}, r {@value SparqStepCases#PASSES_R}) takes beyond its
 * scores cut, less what the one-pass kernel's step ({@link org.attnsim.kernels.attention.SparqDecodeKernel}, r {@value
 * SparqStepCases#R}) takes beyond its own, over the same keys, values and queries, each cut after a read that evicts
 * the cache (as a cross-check times a step's cuts), round by round: the profile's {@code twicePassesStepPerScore}, a
 * score (a query head at a position) of a unit. The model prices the two kernels' top-k and exact stages alike; on the
 * Zen 5 VM the passes kernel's step took about 3 us a (group, query head) more at S 16k, at 8 to 64 groups, 1 to 4
 * heads a group, d 64 and 128 (session 56): PoCL builds that kernel's stages after the passes slower. A difference of
 * four cuts is noisy (some 50 us in 60 rounds at 64 groups there), so the case takes {@value #MIN_ROUNDS} rounds or
 * more.
 */
public final class PassesStep implements AutoCloseable {

    /** (batch, KV head) groups a compute unit: 16 of 16k positions on 2 units, 67 MB of keys. */
    static final int GROUPS_PER_UNIT = 8;
    /** Query heads a KV head: GQA's at a quarter, where the excess a step weighs most (session 56). */
    static final int HEADS = 4;
    static final int HEAD_DIM = 64;
    /** The fewest rounds a calibration takes of the four cuts. */
    static final int MIN_ROUNDS = 60;

    private final SparqPipeline passes;
    private final SparqPipeline onePass;
    private final AttentionShapeArgs shape;

    private PassesStep(SparqPipeline passes, SparqPipeline onePass, AttentionShapeArgs shape) {
        this.passes = passes;
        this.onePass = onePass;
        this.shape = shape;
    }

    /** The two kernels' steps over one set of keys, values and queries on {@code device}, K stored twice. */
    public static PassesStep on(OpenCLDevice device) {
        AttentionShapeArgs a = shape(device);
        int pad = LineStart.padFloats(device);
        float[] q = Microbenchmarks.randomRows(a.queryElements(), 21);
        float[] k = Microbenchmarks.randomRows(pad, a.keyElements(), 22);
        float[] v = Microbenchmarks.randomRows(pad, a.keyElements(), 23);
        SparqArgs inPasses = args(SparqStepCases.PASSES_R, a, device).withRowStart(pad);
        SparqArgs inOnePass = args(SparqStepCases.R, a, device).withRowStart(pad);
        if (!inPasses.inPasses() || !inOnePass.columnHalves()) {
            throw new IllegalStateException(device.getLocalMemSize() + " bytes of local memory do not hold the "
                    + "first-half scores of " + HEADS + " heads at S " + SparqStepCases.TWICE_LENGTH);
        }
        SparqPipeline passes = SparqPipeline.fused(device, a, inPasses, q, k, v);
        try {
            return new PassesStep(passes, SparqPipeline.fused(device, a, inOnePass, q, k, v), a);
        } catch (RuntimeException e) {
            passes.close();
            throw e;
        }
    }

    /** Whether {@code device}'s local memory holds the case's first-half scores (else the case does not run). */
    public static boolean fits(OpenCLDevice device) {
        return args(SparqStepCases.PASSES_R, shape(device), device).inPasses();
    }

    /** SparQ's settings at {@code r} for the case: K stored twice, v_bar mixed in, halves where they fit. */
    private static SparqArgs args(int r, AttentionShapeArgs a, OpenCLDevice device) {
        return new SparqArgs(r, SparqStepCases.K, 0, true, true).fitting(a, device.getLocalMemSize());
    }

    /** The case's shape on {@code device}: {@value #GROUPS_PER_UNIT} one-KV-head groups a compute unit. */
    private static AttentionShapeArgs shape(OpenCLDevice device) {
        return AttentionShapeArgs.of(GROUPS_PER_UNIT * device.getMaxComputeUnits(), HEADS, 1, 1,
                SparqStepCases.TWICE_LENGTH, HEAD_DIM, false);
    }

    /** The four cuts, in the order {@link Times#of} reads them. */
    public List<Harness.Step> steps() {
        String shapeWords = HEADS + " heads a KV head, " + shape.batch() + " groups, S " + shape.keyLength() + ", d "
                + HEAD_DIM;
        return List.of(passes.scoresCut("passes kernel's scores cut, r " + SparqStepCases.PASSES_R + ", " + shapeWords),
                passes.step("passes kernel's step, r " + SparqStepCases.PASSES_R + ", " + shapeWords),
                onePass.scoresCut("one-pass kernel's scores cut, r " + SparqStepCases.R + ", " + shapeWords),
                onePass.step("one-pass kernel's step, r " + SparqStepCases.R + ", " + shapeWords));
    }

    /** The cuts timed in rounds, each after {@code eviction}'s read, at least {@value #MIN_ROUNDS} rounds. */
    public Times time(OpenCLDevice device, Harness.Step eviction, Harness.Budget budget) {
        Harness.Budget rounds = new Harness.Budget(budget.warmups(), MIN_ROUNDS, 4 * MIN_ROUNDS, 2 * budget.seconds());
        return Times.of(Harness.timeInRoundsAfter(steps(), eviction, device, rounds), shape.batch(), HEADS,
                shape.keyLength(), HEAD_DIM, device.getMaxComputeUnits());
    }

    @Override
    public void close() {
        try {
            passes.close();
        } finally {
            onePass.close();
        }
    }

    /**
     * What the cuts measured.
     *
     * @param rounds    the four cuts' seconds round by round, in the order of {@link #steps}
     * @param excess    round by round, the passes step less its scores cut, less the one-pass step less its scores cut
     * @param groups    (batch, KV head) groups of the case
     * @param heads     query heads a KV head
     * @param keyLength positions of each group
     * @param headDim   the head dimension
     * @param units     the device's compute units
     */
    public record Times(Rounds rounds, MedianInterval excess, int groups, int heads, int keyLength, int headDim,
            int units) {

        static Times of(Rounds rounds, int groups, int heads, int keyLength, int headDim, int units) {
            double[][] s = rounds.samples();
            double[] excess = new double[s[0].length];
            for (int i = 0; i < excess.length; i++) {
                excess[i] = (s[1][i] - s[0][i]) - (s[3][i] - s[2][i]);
            }
            return new Times(rounds, MedianInterval.of(excess), groups, heads, keyLength, headDim, units);
        }

        /** The case's approximate scores: a query head at a position. */
        public double scores() {
            return (double) groups * heads * keyLength;
        }

        /** The excess's median a score of a unit (the units run the groups at once), at least 0. */
        public double secondsPerScore() {
            return Math.max(0, excess.median()) * units / scores();
        }
    }
}
