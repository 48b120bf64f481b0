package org.attnsim.kernels.attention;

import org.attnsim.hwmodels.QuantisedCache;

/**
 * K or V of a KV cache in fp8 E4M3 (OCP's "FN" form: 4 exponent bits biased by 7, 3 mantissa bits, no infinities,
 * largest finite 448) with one scale for the whole tensor, as vLLM's per-tensor fp8 cache keeps it: the scale maps the
 * tensor's largest magnitude to 448 and each element is the E4M3 number nearest to {@code x / scale}, ties to even.
 *
 * <p>A CPU without fp8 instructions builds each value from its bits. An E4M3 number of exponent bits {@code e} and
 * mantissa bits {@code m} is {@code (m + 8) << e} times 2^-10 when {@code e > 0} and {@code m << 1} times 2^-10 when
 * {@code e = 0} (subnormal): in one expression {@link #magnitude(int)}, integer operations alone (Aparapi has no bit
 * cast). The 2^-10 is folded into {@link #scale()}, so an element is {@code ±magnitude(bits) * scale}, as an int8
 * element is its value times its scale.
 *
 * @param values the elements' E4M3 bits
 * @param scale  the tensor's scale (its largest magnitude over 448) times 2^-10: what an element's magnitude is
 *               multiplied by
 */
public record Fp8Cache(byte[] values, float scale) implements QuantisedTensor {

    /** The largest finite E4M3 magnitude. */
    public static final float MAX = 448f;
    /** Codes 0..126 are the finite non-negative numbers in increasing order (127 is NaN). */
    private static final int FINITE_CODES = 127;

    public static Fp8Cache of(float[] x) {
        float max = 0f;
        for (float e : x) {
            max = Math.max(max, Math.abs(e));
        }
        float tensorScale = max > 0 ? max / MAX : 1f;
        byte[] values = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            int code = nearestCode(Math.abs(x[i]) / tensorScale);
            values[i] = (byte) (x[i] < 0 && code != 0 ? code | 0x80 : code);
        }
        return new Fp8Cache(values, tensorScale / 1024f);
    }

    /** An element's magnitude in units of 2^-10 from its bits (the sign bit ignored), as the kernels build it. */
    public static int magnitude(int bits) {
        int e = (bits >> 3) & 15;
        int m = bits & 7;
        return (m + (e > 0 ? 8 : 0)) << Math.max(e, 1);
    }

    /**
     * The code of the E4M3 number nearest to {@code y} (at least 0), ties to the even code, at most 448: below 2^-6 a
     * multiple of the subnormals' step 2^-9, above it 8 to 16 steps of 2^(e - 3) in the binade of 2^e, 16 being the
     * next binade's first code. Math.rint rounds ties to even, and dividing by a power of two is exact, so the ties
     * are found exactly (a binary search over the 127 codes took 2.5 s for 64 Mi elements, this 0.5 s).
     */
    static int nearestCode(double y) {
        if (y >= MAX) {
            return FINITE_CODES - 1;
        }
        if (y < 1.0 / 64) {
            return (int) Math.rint(y * 512);
        }
        int e = Math.getExponent(y);
        return Math.min(FINITE_CODES - 1, (e + 6) * 8 + (int) Math.rint(Math.scalb(y, 3 - e)));
    }

    @Override
    public QuantisedCache type() {
        return QuantisedCache.FP8;
    }

    @Override
    public float[] dequantised() {
        float[] x = new float[values.length];
        for (int i = 0; i < x.length; i++) {
            int bits = values[i] & 0xFF;
            float m = magnitude(bits) * scale;
            x[i] = (bits & 0x80) != 0 ? -m : m;
        }
        return x;
    }
}
