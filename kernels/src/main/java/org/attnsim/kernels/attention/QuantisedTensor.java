package org.attnsim.kernels.attention;

import org.attnsim.hwmodels.QuantisedCache;

/**
 * K or V of a KV cache in one-byte elements with one scale for the whole tensor: {@link Int8Cache} or {@link
 * Fp8Cache}, each element its decoded bits times {@link #scale()}.
 */
public sealed interface QuantisedTensor permits Int8Cache, Fp8Cache {

    /** The elements' bits. */
    byte[] values();

    /** What a decoded element is multiplied by. */
    float scale();

    /** The elements as the cache holds them, each its value times the scale: what a reference attends over. */
    float[] dequantised();

    QuantisedCache type();

    /** {@code x} quantised to {@code type}. */
    static QuantisedTensor of(QuantisedCache type, float[] x) {
        return type == QuantisedCache.INT8 ? Int8Cache.of(x) : Fp8Cache.of(x);
    }
}
