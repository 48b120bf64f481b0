package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeLaunch;
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
 * op (each stage of a fused launch too) pays to bring them back. On the 2-core PoCL VM (session 31) the empty
 * kernel took 22-84 us back to back and 69-104 us after the read; SparQ's three stages at S 256 took 57-91, 15-16
 * and 9-18 us as cuts after an empty kernel and 128-147, 22-44 and 26-39 us after the read.
 *
 * @param emptyAfterWork  the empty kernel right after the read
 * @param emptyBackToBack the empty kernel right after the step
 * @param stepAfterWork   the decoding step right after the empty kernel that followed the read
 * @param stepBackToBack  the decoding step right after itself
 * @param wake            the median over rounds of the empty kernel's first less its second, with its 95% interval
 * @param opState         the median over rounds of the step's first less its second, with its 95% interval
 */
public record LaunchAfterWork(Measurement emptyAfterWork, Measurement emptyBackToBack, Measurement stepAfterWork,
        Measurement stepBackToBack, MedianInterval wake, MedianInterval opState) {

    static final int CACHED_TOKENS = 256;
    static final int HEAD_DIM = 64;

    /** A launch's latency after other work: the back-to-back one and the waking, if anything. */
    public double launchSeconds(double launchSeconds) {
        return launchSeconds + Math.max(0, wake.median());
    }

    /** What each op adds after other work, if anything. */
    public double opSeconds() {
        return Math.max(0, opState.median());
    }

    static LaunchAfterWork measure(OpenCLDevice device, long cacheBytes, Harness.Budget budget) {
        int heads = device.getMaxComputeUnits();
        AttentionShapeArgs a = AttentionShapeArgs.of(1, heads, heads, 1, CACHED_TOKENS, HEAD_DIM, false);
        float[] q = Microbenchmarks.randomRows(a.queryElements(), 11);
        float[] k = Microbenchmarks.randomRows(a.keyElements(), 12);
        float[] v = Microbenchmarks.randomRows(a.keyElements(), 13);
        DecodeLaunch decode = DecodeLaunch.on(device, a, q, k, v, new float[a.queryElements()]);
        Harness.Step empty = Microbenchmarks.emptyKernel(device);
        try (CacheEviction eviction = CacheEviction.beyond(device, cacheBytes)) {
            Rounds rounds = Harness.timeInRounds(List.of(eviction.step(), empty, decode.step("decoding step"),
                    decode.step("decoding step"), empty), device, budget);
            List<Measurement> m = rounds.measurements();
            return new LaunchAfterWork(m.get(1), m.get(4), m.get(2), m.get(3), rounds.difference(1, 4),
                    rounds.difference(2, 3));
        } finally {
            decode.kernel().dispose();
            empty.kernel().dispose();
        }
    }
}
