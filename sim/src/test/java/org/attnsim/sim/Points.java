package org.attnsim.sim;

import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/** Test fixtures: points with few arguments. */
public final class Points {

    public static final HardwareProfile A100 = HardwareCatalog.resolve("a100-40gb-sxm", "test", null);
    public static final HardwareProfile H100 = HardwareCatalog.resolve("h100-sxm", "test", null);

    private Points() {
    }

    public static Prediction attention(int dModel, int heads, int hq, int hkv, Phase phase, int seq, int batch,
            boolean causal) {
        return predict(AttentionShape.of(dModel, heads, hq, hkv, "test"), phase, seq, batch, causal, null, A100);
    }

    public static Prediction predict(AttentionShape shape, Phase phase, int seq, int batch, boolean causal,
            SparqConfig sparq, HardwareProfile hw) {
        return predict(shape, phase, seq, batch, causal, sparq, hw, Framework.FUSED);
    }

    public static Prediction predict(AttentionShape shape, Phase phase, int seq, int batch, boolean causal,
            SparqConfig sparq, HardwareProfile hw, Framework framework) {
        return predict(shape, phase, seq, batch, causal, sparq, hw, framework, Dtype.BF16);
    }

    public static Prediction predict(AttentionShape shape, Phase phase, int seq, int batch, boolean causal,
            SparqConfig sparq, HardwareProfile hw, Framework framework, Dtype dtype) {
        Workload w = Workload.of(phase, seq, batch, causal, dtype, Algorithm.TILED, framework, 0, "test");
        return Simulator.predict(new Point("t", "custom", shape, null, Scope.ATTENTION, w, sparq, hw, Terms.defaults()));
    }

    /** A bf16 decoding step (fused SparQ, if any) whose KV cache is in {@code cache}. */
    public static Prediction decode(AttentionShape shape, int seq, int batch, SparqConfig sparq, HardwareProfile hw,
            KvDtype cache) {
        Workload w = Workload.of(Phase.DECODE, seq, batch, true, Dtype.BF16, Algorithm.TILED, Framework.FUSED, 0,
                "test").withKvDtype(cache, sparq != null, "test");
        return Simulator.predict(new Point("t", "custom", shape, null, Scope.ATTENTION, w, sparq, hw,
                Terms.defaults()));
    }
}
