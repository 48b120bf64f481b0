package org.attnsim.sim.cost;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * Memory footprint of a step. Training keeps, per layer and token, the tensors autograd saves for the
 * backward pass: two norm inputs and two norm outputs (4 d_model), Q, K, V and O, the fp32 logsumexp
 * of each query head, and the FFN's intermediate tensors (3 x hidden for SwiGLU, 2 x hidden for a dense
 * MLP); cf. Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models",
 * section 4.1. Mixed-precision Adam keeps 2 + 12 bytes per parameter beyond the bf16 weights
 * (gradients, fp32 master weights, m and v: Rajbhandari et al. 2020, ZeRO, section 3.1).
 */
public final class FootprintModel {

    /** fp32 master weights, Adam m and v. */
    static final double ADAM_STATE_BYTES_PER_PARAM = 12;

    private FootprintModel() {
    }

    public static Footprint footprint(AttentionShape s, ModelSpec m, Scope scope, Workload w, SparqConfig sparq,
            double capacityBytes) {
        int e = w.dtype().bytes();
        int layers = scope == Scope.MODEL ? m.layers() : 1;
        double params = switch (scope) {
            case ATTENTION -> 0;
            case LAYER -> ParameterCount.attention(s);
            case MODEL -> ParameterCount.model(s, m);
        };
        double weights = params * e;
        boolean training = w.phase() == Phase.TRAIN;
        double state = training ? params * (e + ADAM_STATE_BYTES_PER_PARAM) : 0;

        double tokens = w.tokens();
        double d = s.headDim();
        double core = e * d * (2.0 * s.queryHeads() + 2.0 * s.kvHeads()) + 4.0 * s.queryHeads();
        double perToken = switch (scope) {
            case ATTENTION -> core;
            case LAYER -> core + e * s.dModel();
            case MODEL -> core + e * (4.0 * s.dModel() + m.ffn().linears() * (double) m.ffnHidden());
        };
        double logits = scope == Scope.MODEL ? logitRows(w) * m.vocab() * e : 0;
        double activations = training ? perToken * tokens * layers + logits : perToken * tokens + logits;

        double kv = 0;
        if (w.phase() == Phase.PREFILL || w.phase() == Phase.DECODE) {
            double keyCopies = sparq != null && sparq.keyLayout() == KeyLayout.TWICE ? 3 : 2;
            kv = keyCopies * w.batch() * (double) w.seqLen() * s.kvHeads() * d * w.kvDtype().bytes() * layers;
        }
        double scores = 0;
        if (w.algorithm() == Algorithm.NAIVE) {
            double one = (double) w.batch() * s.queryHeads() * w.queryLength() * w.seqLen() * e;
            scores = training ? one * layers : one;
        }
        return new Footprint(weights, state, activations, kv, scores, capacityBytes);
    }

    /** Rows of logits: every token for training and forward, the last token per sequence otherwise. */
    static double logitRows(Workload w) {
        return w.phase() == Phase.TRAIN || w.phase() == Phase.FORWARD ? w.tokens() : w.batch();
    }
}
