package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineStartTest {

    @ParameterizedTest(name = "elements {0} bytes in: {1} floats")
    @CsvSource({"16, 12", "12, 13", "0, 0", "64, 0", "24, 10", "80, 12"})
    void padsTheElementsToTheNextLine(int baseOffset, int floats) {
        assertEquals(floats, LineStart.padFloats(baseOffset));
    }

    @Test
    void theJvmSaysWhereAFloatArraysElementsStartAndThePadReachesALine() {
        int base = LineStart.arrayBaseOffset();
        assertTrue(base > 0, "no base offset from sun.misc.Unsafe: the pad would be 0");
        assertEquals(0, (base + Float.BYTES * LineStart.padFloats(base)) % LineStart.LINE_BYTES,
                "base offset " + base);
    }
}
