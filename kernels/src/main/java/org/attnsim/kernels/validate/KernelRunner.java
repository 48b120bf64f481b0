package org.attnsim.kernels.validate;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Random;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeAttentionKernel;
import org.attnsim.kernels.attention.FlashAttentionKernel;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.sim.Point;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;

/** Runs the kernel that computes a point's attention core on random inputs and times it. */
public final class KernelRunner {

    /**
     * A point's time, and for a pipeline of several kernels (SparQ's three stages) each kernel timed on
     * its own, in the order of the cost model's ops; empty for a single kernel.
     */
    public record KernelTiming(Measurement whole, List<Measurement> stages) {
    }

    private KernelRunner() {
    }

    public static KernelTiming measure(Point p, OpenCLDevice device, Harness.Budget budget, long seed) {
        Workload w = p.workload();
        AttentionShapeArgs a = AttentionShapeArgs.of(w.batch(), p.shape().queryHeads(), p.shape().kvHeads(),
                w.queryLength(), w.seqLen(), p.shape().headDim(), w.causalMasked());
        Random r = new Random(seed);
        float[] q = random(r, a.queryElements());
        float[] k = random(r, a.keyElements());
        float[] v = random(r, a.keyElements());
        float[] o = new float[a.queryElements()];
        Kernel kernel;
        Range range;
        String what = p.label() + " " + w.phase().id() + " S" + w.seqLen() + " B" + w.batch();
        if (p.sparq() != null) {
            SparqArgs args = new SparqArgs(p.sparq().r(), p.sparq().k(), p.sparq().window(),
                    p.sparq().keyLayout() == KeyLayout.TWICE, p.sparq().meanValue());
            try (SparqPipeline pipeline = new SparqPipeline(a, args, q, k, v, device)) {
                Measurement whole = pipeline.time(what, budget);
                return new KernelTiming(whole, pipeline.stageTimes(what, budget));
            }
        }
        if (w.phase() == Phase.DECODE) {
            kernel = new DecodeAttentionKernel(a, q, k, v, o);
            range = Range.create(device, DecodeAttentionKernel.globalSize(a), DecodeAttentionKernel.localSize());
        } else {
            kernel = new FlashAttentionKernel(a, q, k, v, o);
            range = Range.create(device, FlashAttentionKernel.globalSize(a), FlashAttentionKernel.localSize(a));
        }
        try {
            kernel.setExplicit(true);
            kernel.put(q).put(k).put(v).put(o);
            return new KernelTiming(Harness.time(what, kernel, range, device, budget), List.of());
        } finally {
            kernel.dispose();
        }
    }

    static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
