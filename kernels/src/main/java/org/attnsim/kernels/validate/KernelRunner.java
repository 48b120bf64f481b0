package org.attnsim.kernels.validate;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeLaunch;
import org.attnsim.kernels.attention.ForwardLaunch;
import org.attnsim.kernels.attention.QuantisedTensor;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.sim.Point;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;

/** Runs the kernels that compute a point's attention core on random inputs and times them. */
public final class KernelRunner {

    /**
     * A point's time, and for a kernel of several stages (SparQ's three) what each stage adds to the step,
     * in the order of the cost model's ops; empty for a single stage.
     */
    public record KernelTiming(Measurement whole, List<Measurement> stages) {
    }

    private KernelRunner() {
    }

    /** A point's kernels on their random inputs, on the device, ready to time; close to free them. */
    public static final class Prepared implements AutoCloseable {
        private final Harness.Step step;
        private final SparqPipeline pipeline;
        private final Kernel kernel;

        private Prepared(Harness.Step step, SparqPipeline pipeline, Kernel kernel) {
            this.step = step;
            this.pipeline = pipeline;
            this.kernel = kernel;
        }

        public Harness.Step step() {
            return step;
        }

        /**
         * For SparQ, what each stage adds to the step, in the order of the cost model's ops, each cut timed
         * after {@code evict} (see {@link SparqPipeline#stageTimes}); else empty.
         */
        public List<Measurement> stageTimes(Harness.Step evict, Harness.Budget budget) {
            return pipeline == null ? List.of() : pipeline.stageTimes(step.what(), evict, budget);
        }

        @Override
        public void close() {
            if (pipeline != null) {
                pipeline.close();
            } else {
                kernel.dispose();
            }
        }
    }

    /**
     * About the bytes of the arrays {@link #prepare} allocates for the point: q, K, V and the output, and for
     * SparQ the d-major copy of K (stored twice) and the group's scores; on a CPU device they are all there is
     * (PoCL runs on the Java arrays themselves).
     */
    public static long arrayBytes(Point p) {
        AttentionShapeArgs a = shape(p);
        if (quantisedCache(p).isPresent()) {
            return 4 * 2L * a.queryElements() + 2L * a.keyElements();
        }
        long floats = 2L * a.queryElements() + 2L * a.keyElements();
        if (p.sparq() != null) {
            floats += (p.sparq().keyLayout() == KeyLayout.TWICE ? a.keyElements() : 0)
                    + (long) a.batch() * a.kvHeads() * a.keyLength();
        }
        return 4 * floats;
    }

    /** The point's shape; the forward kernel's tiles are fitted to the device by {@link ForwardLaunch#on}. */
    private static AttentionShapeArgs shape(Point p) {
        Workload w = p.workload();
        return AttentionShapeArgs.of(w.batch(), p.shape().queryHeads(), p.shape().kvHeads(), w.queryLength(),
                w.seqLen(), p.shape().headDim(), w.causalMasked());
    }

    public static Prepared prepare(Point p, OpenCLDevice device, long seed) {
        Workload w = p.workload();
        AttentionShapeArgs a = shape(p);
        // Random's nextGaussian (a synchronized polar method) took 0.86 s for 32 Mi floats, SplittableRandom's
        // (a ziggurat) 0.14 s: the decoding points of validate-local fill 0.7 G of them.
        SplittableRandom r = new SplittableRandom(seed);
        float[] q = random(r, a.queryElements());
        // SparQ's exact stage gathers rows of K and V: on lines, each is four of them, not five.
        int rowStart = p.sparq() != null ? LineStart.padFloats(device) : 0;
        float[] k = random(r, rowStart, a.keyElements());
        float[] v = random(r, rowStart, a.keyElements());
        float[] o = new float[a.queryElements()];
        String what = p.label() + " " + w.phase().id() + " S" + w.seqLen() + " B" + w.batch();
        if (p.sparq() != null) {
            SparqArgs args = new SparqArgs(p.sparq().r(), p.sparq().k(), p.sparq().window(),
                    p.sparq().keyLayout() == KeyLayout.TWICE, p.sparq().meanValue())
                    .fitting(a, device.getLocalMemSize()).withRowStart(rowStart);
            SparqPipeline pipeline = SparqPipeline.on(device, a, args, q, k, v);
            return new Prepared(pipeline.step(what), pipeline, null);
        }
        Optional<QuantisedCache> quantised = quantisedCache(p);
        if (quantised.isPresent()) {
            DecodeLaunch decode = DecodeLaunch.onQuantised(device, a, q, QuantisedTensor.of(quantised.get(), k),
                    QuantisedTensor.of(quantised.get(), v), o);
            return new Prepared(decode.step(what), null, decode.kernel());
        }
        if (w.phase() == Phase.DECODE) {
            DecodeLaunch decode = DecodeLaunch.on(device, a, q, k, v, o);
            return new Prepared(decode.step(what), null, decode.kernel());
        }
        ForwardLaunch forward = ForwardLaunch.on(device, a, q, k, v, o);
        return new Prepared(forward.step(what), null, forward.kernel());
    }

    /** The quantised type of the cache the point decodes from, if it does ({@link DecodeLaunch#onQuantised}). */
    private static Optional<QuantisedCache> quantisedCache(Point p) {
        return p.workload().phase() == Phase.DECODE ? p.workload().kvDtype().quantised() : Optional.empty();
    }

    static float[] random(RandomGenerator r, int n) {
        return random(r, 0, n);
    }

    /** {@code pad} zeros, then n draws of N(0, 1). */
    static float[] random(RandomGenerator r, int pad, int n) {
        float[] x = new float[pad + n];
        for (int i = pad; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
