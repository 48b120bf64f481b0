package org.attnsim.kernels.attention;

import org.attnsim.hwmodels.QuantisedCache;

/**
 * K or V of a KV cache in int8 with one scale for the whole tensor, symmetric, as vLLM's per-tensor int8 and fp8
 * caches keep it: an element is {@code values[i] * scale}, its value rounded from {@code x / scale} where the scale
 * maps the tensor's largest magnitude to 127.
 */
public record Int8Cache(byte[] values, float scale) implements QuantisedTensor {

    public static Int8Cache of(float[] x) {
        float max = 0f;
        for (float e : x) {
            max = Math.max(max, Math.abs(e));
        }
        float scale = max > 0 ? max / 127f : 1f;
        byte[] values = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = (byte) Math.max(-127, Math.min(127, Math.round(x[i] / scale)));
        }
        return new Int8Cache(values, scale);
    }

    @Override
    public QuantisedCache type() {
        return QuantisedCache.INT8;
    }

    @Override
    public float[] dequantised() {
        float[] x = new float[values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[i] * scale;
        }
        return x;
    }
}
