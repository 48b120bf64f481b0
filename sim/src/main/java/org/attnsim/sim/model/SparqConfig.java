package org.attnsim.sim.model;

import java.util.Locale;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * SparQ Attention's settings (Ribar et al., ICML 2024, Algorithm 1): r query components used for the
 * approximate scores, k rows fetched for exact attention, a local window of the last {@code window}
 * positions always kept, the K layout, and whether the mean value v_bar fills in the missed mass.
 */
public record SparqConfig(int r, int k, int window, KeyLayout keyLayout, boolean meanValue) {

    /** Checks the settings against the head dimension and the KV cache length. */
    public void validate(int headDim, int cacheLength, String where) {
        if (r < 1 || r > headDim) {
            throw new InvalidInputException(where, "sparq r = " + r + " with d_head " + headDim,
                    "allowed: 1 <= r <= d_head");
        }
        if (k < 1 || k > cacheLength) {
            throw new InvalidInputException(where, "sparq k = " + k + " with a KV cache of " + cacheLength,
                    "allowed: 1 <= k <= sequence length");
        }
        if (window < 0 || window > k) {
            throw new InvalidInputException(where, "sparq window = " + window + " with k " + k,
                    "allowed: 0 <= window <= k");
        }
    }

    /** A short label such as {@code SparQ twice r32 k128}: the layout first, so that a cut label still tells. */
    public String label() {
        return String.format(Locale.ROOT, "SparQ %s r%d k%d%s%s", keyLayout.id(), r, k,
                window > 0 ? " l" + window : "", meanValue ? "" : " no-vbar");
    }
}
