package org.attnsim.sim.workload;

import java.util.Locale;
import org.attnsim.hwmodels.InvalidInputException;

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
        return name().toLowerCase(Locale.ROOT);
    }

    public static Phase parse(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("encode")) {
            return FORWARD;
        }
        if (t.equals("training")) {
            return TRAIN;
        }
        for (Phase p : values()) {
            if (p.id().equals(t)) {
                return p;
            }
        }
        throw new InvalidInputException(where, "unknown phase '" + text + "'",
                "allowed: train, forward (or encode), prefill, decode");
    }
}
