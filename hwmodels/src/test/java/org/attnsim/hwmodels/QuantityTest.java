package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void parsesSiAndBinaryPrefixes() {
        assertEquals(1.555e12, Quantity.parse("1555 GB/s", Quantity.Kind.BYTES_PER_SECOND, "f"), 1);
        assertEquals(42_949_672_960.0, Quantity.parse("40 GiB", Quantity.Kind.BYTES, "f"));
        assertEquals(167_936.0, Quantity.parse("164 KiB", Quantity.Kind.BYTES, "f"));
        assertEquals(1.41e9, Quantity.parse("1.41 GHz", Quantity.Kind.HERTZ, "f"), 1e-3);
        assertEquals(312e12, Quantity.parse("312 TFLOP/s", Quantity.Kind.FLOPS_PER_SECOND, "f"), 1);
        assertEquals(2.436e12, Quantity.parse("2.436 Texp/s", Quantity.Kind.EXPONENTIALS_PER_SECOND, "f"), 1);
        assertEquals(108, Quantity.parse("108", Quantity.Kind.COUNT, "f"));
        assertEquals(0.8, Quantity.parse("80%", Quantity.Kind.FRACTION, "f"), 1e-12);
    }

    @Test
    void parsesTimeUnits() {
        assertEquals(4e-6, Quantity.parse("4 us", Quantity.Kind.SECONDS, "f"), 1e-18);
        assertEquals(2.5e-3, Quantity.parse("2.5 ms", Quantity.Kind.SECONDS, "f"), 1e-15);
        assertEquals(7e-9, Quantity.parse("7ns", Quantity.Kind.SECONDS, "f"), 1e-21);
    }

    @Test
    void rejectsWrongUnitNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Quantity.parse("1555 GHz", Quantity.Kind.BYTES_PER_SECOND, "deviceMemory.bandwidth.value"));
        assertEquals("deviceMemory.bandwidth.value", e.where());
        assertTrue(e.allowed().contains("B/s"), e.getMessage());
    }

    @Test
    void rejectsUnknownPrefixAndGarbage() {
        assertThrows(InvalidInputException.class, () -> Quantity.parse("3 XB/s", Quantity.Kind.BYTES_PER_SECOND, "f"));
        assertThrows(InvalidInputException.class, () -> Quantity.parse("fast", Quantity.Kind.HERTZ, "f"));
        assertThrows(InvalidInputException.class, () -> Quantity.parse("12 parsecs", Quantity.Kind.COUNT, "f"));
    }

    @Test
    void formatsWithPrefixes() {
        assertEquals("1.56 TB/s", Quantity.format(1.555e12, "B/s"));
        assertEquals("49.0 us", Quantity.formatSeconds(49e-6));
        assertEquals("2.87 s", Quantity.formatSeconds(2.8734));
    }
}
