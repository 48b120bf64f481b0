package org.attnsim.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void presetsFollowTheSqaPaper() {
        // SQA paper, Table 3 variants with H = 16.
        assertShape(Variant.MHA, 16, 16);
        assertShape(Variant.GQA, 16, 4);
        assertShape(Variant.MQA, 16, 1);
        assertShape(Variant.SQA, 8, 4);
        assertShape(Variant.SSQA, 8, 8);
        assertShape(Variant.XSQA, 4, 4);
        assertShape(Variant.XSMQA, 4, 1);
    }

    private static void assertShape(Variant v, int hq, int hkv) {
        AttentionShape s = v.shape(256, 16, null, null, "t");
        assertEquals(hq, s.queryHeads(), v.label());
        assertEquals(hkv, s.kvHeads(), v.label());
        assertEquals(16, s.headDim());
    }

    @Test
    void layoutErrorsSayWhatIsAllowed() {
        InvalidInputException notMultiple = assertThrows(InvalidInputException.class,
                () -> AttentionShape.of(256, 16, 6, 4, "--kv-heads"));
        assertTrue(notMultiple.getMessage().startsWith("--kv-heads: query heads 6 are not a multiple of kv heads 4"));
        assertThrows(InvalidInputException.class, () -> AttentionShape.of(256, 16, 4, 8, "t"));
        InvalidInputException notDividing = assertThrows(InvalidInputException.class,
                () -> AttentionShape.of(250, 16, 16, 16, "t"));
        assertTrue(notDividing.allowed().contains("multiple of heads"));
        assertThrows(InvalidInputException.class, () -> AttentionShape.of(256, 0, 16, 16, "t"));
        assertThrows(InvalidInputException.class, () -> Variant.CUSTOM.shape(256, 16, 4, null, "t"));
        assertThrows(InvalidInputException.class, () -> Variant.MHA.shape(256, 16, 8, null, "t"));
    }

    @Test
    void sparqLimits() {
        SparqConfig tooManyColumns = new SparqConfig(129, 128, 0, KeyLayout.TWICE, true);
        InvalidInputException r = assertThrows(InvalidInputException.class, () -> tooManyColumns.validate(128, 4096, "t"));
        assertTrue(r.getMessage().contains("1 <= r <= d_head"));
        SparqConfig tooManyRows = new SparqConfig(32, 8192, 0, KeyLayout.TWICE, true);
        InvalidInputException k = assertThrows(InvalidInputException.class, () -> tooManyRows.validate(128, 4096, "t"));
        assertTrue(k.getMessage().contains("1 <= k <= sequence length"));
    }
}
