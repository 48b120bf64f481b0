package org.attnsim.sim.model;

import org.attnsim.hwmodels.EnumText;

/**
 * How SparQ stores K. TWICE keeps an extra d_h-major copy so the r selected columns are contiguous
 * (+50% KV memory); ONCE keeps only the S-major cache and reads the r columns strided, paying for
 * whole sectors (SparQ paper, Ribar et al. 2024, section 5 and Table 4).
 */
public enum KeyLayout {
    TWICE,
    ONCE;

    public String id() {
        return EnumText.id(this);
    }

    public static KeyLayout parse(String text, String where) {
        return EnumText.parse(KeyLayout.class, text, where, "key layout");
    }
}
