package org.attnsim.hwmodels;

/**
 * A KV cache of one-byte elements with a scale per tensor, each element converted as a decoding loop reads it: the
 * types whose loop a profile may have timed apart ({@link DecodeTile#quantised(QuantisedCache)}), as their
 * conversions cost a CPU differently: an int8 element is one convert instruction, an fp8 one is built from its bits
 * with integer operations (a CPU has no fp8 conversion).
 */
public enum QuantisedCache {
    INT8,
    FP8;

    /** Its name in a profile ({@code decodeTile.int8}, {@code decodeTile.fp8}) and in the sources of its figures. */
    public String id() {
        return EnumText.id(this);
    }
}
