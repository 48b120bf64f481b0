package org.attnsim.sim.workload;

import java.util.Locale;
import org.attnsim.hwmodels.EnumText;

/**
 * What the model is doing. TRAIN is one optimiser step (forward, backward, update); FORWARD is an
 * encoder-style or evaluation forward over all tokens, logits for every token; PREFILL processes a
 * prompt, fills the KV cache and computes the logits of the last token only; DECODE generates one token
 * per sequence against a KV cache of {@code seqLen} positions.
 */
public enum Phase {
    TRAIN,
    FORWARD,
    PREFILL,
    DECODE;

    public String id() {
        return EnumText.id(this);
    }

    public static Phase parse(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("encode")) {
            return FORWARD;
        }
        if (t.equals("training")) {
            return TRAIN;
        }
        return EnumText.parse(Phase.class, t, where, "phase");
    }
}
