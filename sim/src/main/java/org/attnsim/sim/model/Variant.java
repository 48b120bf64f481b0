package org.attnsim.sim.model;

import org.attnsim.hwmodels.EnumText;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * The named attention variants and how each sets H_q and H_kv from the baseline head count H
 * (SQA paper, Filipek 2025, section 3 and Table 3; GQA: Ainslie et al. 2023; MQA: Shazeer 2019).
 */
public enum Variant {
    MHA("MHA"),
    MQA("MQA"),
    GQA("GQA"),
    SQA("SQA"),
    SSQA("sSQA"),
    XSQA("xSQA"),
    XSMQA("xSMQA"),
    CUSTOM("custom");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    public String id() {
        return EnumText.id(this);
    }

    public String label() {
        return label;
    }

    public static Variant parse(String text, String where) {
        return EnumText.parse(Variant.class, text, where, "variant");
    }

    /**
     * Resolves H_q and H_kv. {@code queryHeads} / {@code kvHeads} are the user's overrides or null:
     * GQA takes kv heads (default H/4), SQA takes both (default H/2 and H/4), custom needs both; the
     * fixed presets reject overrides that disagree with them.
     */
    public AttentionShape shape(int dModel, int heads, Integer queryHeads, Integer kvHeads, String where) {
        int quarter = Math.max(1, heads / 4);
        int half = Math.max(1, heads / 2);
        int hq;
        int hkv;
        switch (this) {
            case MHA:
                hq = heads;
                hkv = heads;
                break;
            case MQA:
                hq = heads;
                hkv = 1;
                break;
            case GQA:
                hq = heads;
                hkv = kvHeads != null ? kvHeads : quarter;
                break;
            case SQA:
                hq = queryHeads != null ? queryHeads : half;
                hkv = kvHeads != null ? kvHeads : Math.min(quarter, hq);
                break;
            case SSQA:
                hq = half;
                hkv = half;
                break;
            case XSQA:
                hq = quarter;
                hkv = quarter;
                break;
            case XSMQA:
                hq = quarter;
                hkv = 1;
                break;
            case CUSTOM:
                if (queryHeads == null || kvHeads == null) {
                    throw new InvalidInputException(where, "variant custom needs both query heads and kv heads",
                            "give --query-heads and --kv-heads (queryHeads and kvHeads in YAML)");
                }
                hq = queryHeads;
                hkv = kvHeads;
                break;
            default:
                throw new AssertionError(this);
        }
        if (this != CUSTOM && this != SQA && queryHeads != null && queryHeads != hq) {
            throw new InvalidInputException(where, label + " has " + hq + " query heads, not " + queryHeads,
                    "query heads can be set for sqa and custom only");
        }
        if (this != CUSTOM && this != SQA && this != GQA && kvHeads != null && kvHeads != hkv) {
            throw new InvalidInputException(where, label + " has " + hkv + " kv heads, not " + kvHeads,
                    "kv heads can be set for gqa, sqa and custom only");
        }
        return AttentionShape.of(dModel, heads, hq, hkv, where);
    }
}
