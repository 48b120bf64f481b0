package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8CacheTest {

    @Test
    void theLargestMagnitudeMapsTo127AndTheRestRoundToTheNearestStep() {
        // Scale 2.54 / 127 = 0.02: -2.54 is -127, 1.0 is 50, 0.013 rounds to 1 and 0.009 to 0.
        Int8Cache c = Int8Cache.of(new float[] {1.0f, -2.54f, 0.013f, 0.009f, 0f});
        assertEquals(0.02f, c.scale(), 1e-7f);
        assertArrayEquals(new byte[] {50, -127, 1, 0, 0}, c.values());
        assertArrayEquals(new float[] {1.0f, -2.54f, 0.02f, 0f, 0f}, c.dequantised(), 1e-6f);
    }

    @Test
    void everyElementComesBackWithinHalfAStep() {
        Random r = new Random(5);
        float[] x = new float[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * r.nextGaussian());
        }
        Int8Cache c = Int8Cache.of(x);
        float[] back = c.dequantised();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(back[i] - x[i]) <= 0.5f * c.scale() * 1.0001f, "element " + i);
        }
    }

    @Test
    void anAllZeroTensorKeepsAUsableScale() {
        Int8Cache c = Int8Cache.of(new float[4]);
        assertEquals(1f, c.scale());
        assertArrayEquals(new float[4], c.dequantised());
    }
}
