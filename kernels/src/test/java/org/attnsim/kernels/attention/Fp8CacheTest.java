package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Fp8CacheTest {

    @Test
    void theBitsDecodeAsE4m3() {
        // In units of 2^-10: 0x08 (e 1, m 0) is 2^-6 = 16; 0x01 the smallest subnormal 2^-9 = 2; 0x07 the largest
        // subnormal 7/8 x 2^-6 = 14; 0x38 (e 7) is 1.0 = 1024; 0x3C is 1.5 = 1536; 0x7E is 448 = 458,752.
        assertEquals(0, Fp8Cache.magnitude(0x00));
        assertEquals(2, Fp8Cache.magnitude(0x01));
        assertEquals(14, Fp8Cache.magnitude(0x07));
        assertEquals(16, Fp8Cache.magnitude(0x08));
        assertEquals(1024, Fp8Cache.magnitude(0x38));
        assertEquals(1536, Fp8Cache.magnitude(0x3C));
        assertEquals(458_752, Fp8Cache.magnitude(0x7E));
        assertEquals(1024, Fp8Cache.magnitude(0xB8), "the sign bit is not the magnitude's");
    }

    @Test
    void theLargestMagnitudeMapsTo448AndTheRestRoundToTheNearestNumberTiesToEven() {
        // Scale 896 / 448 = 2: -896 is -448 (0xFE); 2.0 is 1.0 (0x38); 2.25 is 1.125 (0x39); 2.125 is 1.0625, halfway
        // between 1.0 (0x38, even) and 1.125 (0x39): 0x38; 2.375 is 1.1875, halfway between 0x39 and 0x3A (even): 0x3A;
        // 2^-9 x 2 = 0.00390625 is the smallest subnormal (0x01); a quarter of it rounds to zero.
        Fp8Cache c = Fp8Cache.of(new float[] {2f, -896f, 2.25f, 2.125f, 2.375f, 0.00390625f, 0.0009765625f, 0f});
        assertEquals(2f / 1024, c.scale(), 0f);
        assertArrayEquals(new byte[] {0x38, (byte) 0xFE, 0x39, 0x38, 0x3A, 0x01, 0, 0}, c.values());
        assertArrayEquals(new float[] {2f, -896f, 2.25f, 2f, 2.5f, 0.00390625f, 0f, 0f}, c.dequantised(), 0f);
    }

    @Test
    void everyElementComesBackWithinHalfAStepOfItsBinade() {
        Random r = new Random(7);
        float[] x = new float[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * r.nextGaussian());
        }
        Fp8Cache c = Fp8Cache.of(x);
        float[] back = c.dequantised();
        float tensorScale = c.scale() * 1024;
        for (int i = 0; i < x.length; i++) {
            // E4M3 steps are 2^(e-3) for |y| in [2^e, 2^(e+1)), 2^-9 below 2^-6: half a step is at most 1/16 of |y|.
            float y = Math.abs(x[i]) / tensorScale;
            double step = y < 1f / 64 ? Math.scalb(1.0, -9) : Math.scalb(1.0, Math.getExponent(y) - 3);
            assertTrue(Math.abs(back[i] - x[i]) <= 0.5 * step * tensorScale * 1.0001, "element " + i);
        }
    }

    @Test
    void theCodeIsTheNearestOfAllFiniteCodesTiesToEven() {
        Random r = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            // Uniform over the binades from 2^-11 to 2^9, and every tie between neighbouring codes.
            double y = n % 4 == 0 ? (Fp8Cache.magnitude(n / 4 % 126) + Fp8Cache.magnitude(n / 4 % 126 + 1)) / 2048.0
                    : Math.scalb(1 + r.nextDouble(), r.nextInt(20) - 11);
            int best = 0;
            for (int code = 1; code < 127; code++) {
                double d = Math.abs(Fp8Cache.magnitude(code) / 1024.0 - y);
                double bestD = Math.abs(Fp8Cache.magnitude(best) / 1024.0 - y);
                if (d < bestD || d == bestD && code % 2 == 0) {
                    best = code;
                }
            }
            assertEquals(best, Fp8Cache.nearestCode(y), "y = " + y);
        }
    }

    @Test
    void anAllZeroTensorKeepsAUsableScale() {
        Fp8Cache c = Fp8Cache.of(new float[4]);
        assertEquals(1f / 1024, c.scale());
        assertArrayEquals(new float[4], c.dequantised());
    }
}
