package org.attnsim.sim.workload;

import java.util.Locale;
import org.attnsim.hwmodels.EnumText;

/**
 * How attention is computed. TILED is FlashAttention-2 style: one fused kernel, scores stay on chip,
 * K/V tiles streamed per query tile. NAIVE materialises the S x S scores in device memory with
 * separate matmul, mask, softmax and matmul kernels (PyTorch's math path).
 */
public enum Algorithm {
    TILED,
    NAIVE;

    public String id() {
        return EnumText.id(this);
    }

    public static Algorithm parse(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("flash")) {
            return TILED;
        }
        return EnumText.parse(Algorithm.class, t, where, "algorithm");
    }
}
