package org.attnsim.kernels.micro;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeLaunch;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.measure.Rounds;

/**
 * What a launch loses when it follows milliseconds of other work, as every kernel of a decoder does (its other
 * layers) and every point of the cross-check does (the other points of its rounds), where the launch latency is
 * timed back to back. In each round: a read that evicts the cache, the empty kernel, a small decoding step ({@link
 * DecodeLaunch}: one sequence, a KV head a compute unit, {@value #CACHED_TOKENS} cached tokens), the step again,
 * the empty kernel again. Round by round, the empty kernel's first launch less its second is the threads' waking;
 * the step's first run, its threads awake but its code and state out of the caches, less its second, is what each
 * op pays to bring them back. On the 2-core PoCL VM (session 31) the empty kernel took 22-84 us back to back and
 * 69-104 us after the read; SparQ's three stages at S 256 took 57-91, 15-16 and 9-18 us as cuts after an empty
 * kernel and 128-147, 22-44 and 26-39 us after the read.
 *
 * <p>On a CPU the rounds go on with the read, the empty kernel and SparQ's fused step of the same shape (r 16, k 32,
 * K stored twice) twice: what that step loses after other work less what the decoding step loses, over its
 * {@value #FUSED_STAGES} stages less one, is what each further stage of a fused launch pays. Session 33 measured
 * the fused step's loss at 59-73 us beside the decoding step's 35-44: its stages share one launch's code
 * coming back, they do not each pay a whole op's start.
 *
 * @param emptyAfterWork  the empty kernel right after the read
 * @param emptyBackToBack the empty kernel right after the step
 * @param stepAfterWork   the decoding step right after the empty kernel that followed the read
 * @param stepBackToBack  the decoding step right after itself
 * @param wake            the median over rounds of the empty kernel's first less its second, with its 95% interval
 * @param opState         the median over rounds of the step's first less its second, with its 95% interval
 * @param fusedAfterWork  on a CPU, SparQ's fused step right after the empty kernel that followed a read
 * @param fusedBackToBack on a CPU, SparQ's fused step right after itself
 * @param stageState      on a CPU, the median over rounds of (the fused step's first less its second, less the
 *                        decoding step's first less its second) / ({@value #FUSED_STAGES} - 1), with its interval
 */
public record LaunchAfterWork(Measurement emptyAfterWork, Measurement emptyBackToBack, Measurement stepAfterWork,
        Measurement stepBackToBack, MedianInterval wake, MedianInterval opState, Optional<Measurement> fusedAfterWork,
        Optional<Measurement> fusedBackToBack, Optional<MedianInterval> stageState) {

    static final int CACHED_TOKENS = 256;
    static final int HEAD_DIM = 64;
    /** SparQ's fused step: approximate scores, top-k and exact attention in one launch (SparqDecodeKernel). */
    public static final int FUSED_STAGES = 3;
    static final int FUSED_R = 16;
    static final int FUSED_K = 32;

    /** A launch's latency after other work: the back-to-back one and the waking, if anything. */
    public double launchSeconds(double launchSeconds) {
        return launchSeconds + Math.max(0, wake.median());
    }

    /** What each op adds after other work, if anything. */
    public double opSeconds() {
        return Math.max(0, opState.median());
    }

    /** What each stage of a fused launch after its first adds after other work, if anything; empty on a GPU. */
    public Optional<Double> stageSeconds() {
        return stageState.map(m -> Math.max(0, m.median()));
    }

    static LaunchAfterWork measure(OpenCLDevice device, long cacheBytes, Harness.Budget budget) {
        int heads = device.getMaxComputeUnits();
        AttentionShapeArgs a = AttentionShapeArgs.of(1, heads, heads, 1, CACHED_TOKENS, HEAD_DIM, false);
        float[] q = Microbenchmarks.randomRows(a.queryElements(), 11);
        float[] k = Microbenchmarks.randomRows(a.keyElements(), 12);
        float[] v = Microbenchmarks.randomRows(a.keyElements(), 13);
        DecodeLaunch decode = DecodeLaunch.on(device, a, q, k, v, new float[a.queryElements()]);
        Harness.Step empty = Microbenchmarks.emptyKernel(device);
        // A null resource is not closed: a GPU's SparQ step is tiled, a launch a stage.
        try (CacheEviction eviction = CacheEviction.beyond(device, cacheBytes);
                SparqPipeline fused = device.getType() == Device.TYPE.CPU ? fusedStep(device, a) : null) {
            List<Harness.Step> steps = new ArrayList<>(List.of(eviction.step(), empty, decode.step("decoding step"),
                    decode.step("decoding step"), empty));
            if (fused != null) {
                steps.addAll(List.of(eviction.step(), empty, fused.step("SparQ step"), fused.step("SparQ step")));
            }
            Rounds rounds = Harness.timeInRounds(steps, device, budget);
            List<Measurement> m = rounds.measurements();
            Optional<SparqPipeline> cpu = Optional.ofNullable(fused);
            return new LaunchAfterWork(m.get(1), m.get(4), m.get(2), m.get(3), rounds.difference(1, 4),
                    rounds.difference(2, 3), cpu.map(f -> m.get(7)), cpu.map(f -> m.get(8)),
                    cpu.map(f -> stageState(rounds.samples())));
        } finally {
            decode.kernel().dispose();
            empty.kernel().dispose();
        }
    }

    /** SparQ's fused step on the decoding step's shape, its K and V rows on cache lines as the cross-check's. */
    private static SparqPipeline fusedStep(OpenCLDevice device, AttentionShapeArgs a) {
        int pad = LineStart.padFloats(device);
        SparqArgs args = new SparqArgs(FUSED_R, FUSED_K, 0, true, true).fitting(a, device.getLocalMemSize())
                .withRowStart(pad);
        return SparqPipeline.fused(device, a, args, Microbenchmarks.randomRows(a.queryElements(), 14),
                Microbenchmarks.randomRows(pad, a.keyElements(), 15),
                Microbenchmarks.randomRows(pad, a.keyElements(), 16));
    }

    /**
     * Round by round, what the fused step (steps 7 and 8) lost after other work beyond what the decoding step
     * (steps 2 and 3) lost, over its stages after the first.
     */
    static MedianInterval stageState(double[][] samples) {
        double[] stage = new double[samples[0].length];
        for (int i = 0; i < stage.length; i++) {
            stage[i] = ((samples[7][i] - samples[8][i]) - (samples[2][i] - samples[3][i])) / (FUSED_STAGES - 1);
        }
        return MedianInterval.of(stage);
    }
}
