package org.attnsim.sim.cost;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.ModelSpec;

/**
 * Parameters of the model (biases omitted, as in Llama-style models): W_Q d_model x H_q d_head, W_K and
 * W_V d_model x H_kv d_head, W_O H_q d_head x d_model (SQA paper, section 3), the FFN's linears, two
 * RMSNorm weights per layer, the embedding and an untied LM head.
 */
public final class ParameterCount {

    private ParameterCount() {
    }

    public static double attention(AttentionShape s) {
        double d = s.headDim();
        return (double) s.dModel() * d * (2.0 * s.queryHeads() + 2.0 * s.kvHeads());
    }

    public static double layer(AttentionShape s, ModelSpec m) {
        return attention(s) + (double) m.ffn().linears() * s.dModel() * m.ffnHidden() + 2.0 * s.dModel();
    }

    public static double model(AttentionShape s, ModelSpec m) {
        return m.layers() * layer(s, m) + 2.0 * m.vocab() * s.dModel() + s.dModel();
    }
}
