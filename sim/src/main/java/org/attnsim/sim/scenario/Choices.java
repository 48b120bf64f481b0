package org.attnsim.sim.scenario;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.Variant;

/** Default labels of variants: the name, plus "H_q/H_kv" where the name does not fix the head counts. */
public final class Choices {

    private Choices() {
    }

    public static VariantChoice of(Variant v, AttentionShape s) {
        int defaultKv = Math.max(1, s.heads() / 4);
        int defaultQ = Math.max(1, s.heads() / 2);
        boolean isDefault = switch (v) {
            case GQA -> s.kvHeads() == defaultKv;
            case SQA -> s.queryHeads() == defaultQ && s.kvHeads() == Math.min(defaultKv, defaultQ);
            case CUSTOM -> false;
            default -> true;
        };
        return new VariantChoice(v, s, isDefault ? v.label() : v.label() + " " + s.queryHeads() + "/" + s.kvHeads());
    }
}
